package io.k8j.cli;

import io.fabric8.kubernetes.api.model.Taint;
import io.k8j.client.net.ClusterNetwork;
import io.k8j.cri.ContainerdNode;
import io.k8j.dns.ClusterDnsConfig;
import io.k8j.kubelet.KubeletConfig;
import io.k8j.kubelet.pod.PodDns;
import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.kubelet.runtime.process.ProcessRuntime;
import io.k8j.kubelet.runtime.simulated.SimulatedRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The kubelet flags that k8j server and k8j agent share, with k3s's names. */
final class KubeletOptions {
    private static final Logger LOG = LoggerFactory.getLogger(KubeletOptions.class);
    /**
     * The default InternalIP. k3s takes the default-route interface's address; k8j keeps to loopback, where
     * the process runtime's pods live (127.B.x.y) and where nothing a test sends can leave the machine.
     */
    static final String DEFAULT_NODE_IP = "127.0.0.1";

    @Option(names = "--node-name", description = "Name of this node (default: the hostname).")
    String nodeName;

    @Option(names = "--node-ip", defaultValue = DEFAULT_NODE_IP, converter = FlagValues.NodeIp.class,
            description = "The node's InternalIP, where its node server listens (default: ${DEFAULT-VALUE}).")
    String nodeIp;

    @Option(names = "--node-external-ip", converter = FlagValues.NodeIp.class,
            description = "The node's ExternalIP (default: none).")
    String nodeExternalIp;

    @Option(names = "--container-runtime", converter = RuntimeKind.Converter.class,
            description = "containerd (real containers), process (host processes) or simulated (no processes) "
                    + "(default: containerd when containerd and runc are installed, else process).")
    RuntimeKind containerRuntime;

    @Option(names = "--container-runtime-endpoint",
            description = "unix:///path of an existing containerd to use (default: run one of our own).")
    String containerRuntimeEndpoint;

    @Option(names = "--node-taint", converter = FlagValues.TaintSpec.class, paramLabel = "KEY[=VALUE]:EFFECT",
            description = "Taint to register the node with, key=value:Effect (repeatable).")
    List<Taint> taints = new ArrayList<>();

    @Option(names = "--kubelet-port", defaultValue = "10250", converter = FlagValues.Port.class,
            description = "Port of the node server (default: ${DEFAULT-VALUE}; 0 picks one).")
    int kubeletPort;

    @Option(names = "--pod-loopback-block", defaultValue = "1", converter = LoopbackBlock.class,
            description = "Process runtime pod IPs are 127.B.x.y; give each kubelet on one machine its own B, 1-254 (default: ${DEFAULT-VALUE}).")
    int loopbackBlock;

    @Option(names = "--cluster-domain", defaultValue = ClusterDnsConfig.DEFAULT_DOMAIN,
            description = "The cluster's DNS domain, in pods' search path (default: ${DEFAULT-VALUE}).")
    String clusterDomain;

    @Option(names = "--cluster-dns", converter = FlagValues.IpAddress.class,
            description = "The cluster DNS address pods are given, the kube-dns Service's ClusterIP (default: the tenth "
                    + "address of --service-cidr, " + ClusterDnsConfig.DEFAULT_SERVICE_IP + ").")
    String clusterDns;

    @Option(names = "--resolv-conf", defaultValue = "/etc/resolv.conf",
            description = "The node's resolv.conf: upstream resolvers of cluster DNS and of dnsPolicy Default pods (default: ${DEFAULT-VALUE}).")
    Path resolvConf;

    String nodeName() throws UnknownHostException {
        return nodeName != null ? nodeName : InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
    }

    /** What the node server's certificate names: the node's addresses, its name and the host's. */
    List<String> servingNames(String node) throws UnknownHostException {
        List<String> names = new ArrayList<>(List.of(nodeIp, "localhost", InetAddress.getLocalHost().getHostName(), node));
        if (nodeExternalIp != null) {
            names.add(nodeExternalIp);
        }
        return names;
    }

    /** The node's addresses as its status reports them (InternalIP, ExternalIP, Hostname), for its serving CSR. */
    List<String> addresses(String node) {
        List<String> addresses = new ArrayList<>(List.of(nodeIp));
        if (nodeExternalIp != null) {
            addresses.add(nodeExternalIp);
        }
        addresses.add(node);
        return addresses;
    }

    /** Refuses to start when the node server's port is taken, before anything else starts. */
    void requirePortFree() {
        Ports.requireFree(nodeIp, kubeletPort, new Ports.Listener("kubelet", "kubelet", "--kubelet-port", "--node-ip"));
    }

    /** The runtime the flags name, or containerd when it is installed (or its endpoint given), else process. */
    RuntimeKind runtimeKind() {
        if (containerRuntime != null) {
            return containerRuntime;
        }
        Optional<String> why = containerRuntimeEndpoint != null ? Optional.empty() : ContainerdNode.unavailable();
        why.ifPresent(reason -> LOG.info("container runtime: process, as {} (pods run as host processes)", reason));
        return why.isEmpty() ? RuntimeKind.CONTAINERD : RuntimeKind.PROCESS;
    }

    /** --cluster-dns, else where the kube-dns Service is in the cluster's service CIDR. */
    String clusterDns(ClusterNetwork network) {
        return clusterDns != null ? clusterDns : network.dnsServiceIp();
    }

    ContainerRuntime runtime(Path dataDir, RuntimeKind kind, ClusterNetwork network) throws IOException {
        return switch (kind) {
            case CONTAINERD -> ContainerdNode.start(dataDir, containerRuntimeEndpoint, network);
            case PROCESS -> ProcessRuntime.inDataDir(dataDir, loopbackBlock, Clock.systemUTC());
            case SIMULATED -> new SimulatedRuntime(0, Clock.systemUTC());
        };
    }

    KubeletConfig config(String node, Path dataDir, String certPem, String keyPem, String caPem, ClusterNetwork network) {
        return new KubeletConfig(node, dataDir, taints, KubeletConfig.machineCapacity(), nodeIp,
                nodeExternalIp, kubeletPort, certPem, keyPem, caPem,
                Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(10),
                new PodDns(clusterDomain, List.of(clusterDns(network)), resolvConf));
    }

    /** The values of --container-runtime. */
    enum RuntimeKind {
        CONTAINERD, PROCESS, SIMULATED;

        static final class Converter implements ITypeConverter<RuntimeKind> {
            @Override
            public RuntimeKind convert(String value) {
                return Arrays.stream(values()).filter(k -> k.flag().equals(value)).findFirst().orElseThrow(() ->
                        new TypeConversionException("expected one of " + Arrays.stream(values()).map(RuntimeKind::flag).toList()
                                + " but was '" + value + "'"));
            }
        }

        String flag() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return flag();
        }
    }

    /** B in the process runtime's 127.B.x.y: 0 would hand pods 127.0.0.1, the host's own address. */
    static final class LoopbackBlock implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int block = Integer.parseInt(value);
                if (block >= 1 && block <= 254) {
                    return block;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new TypeConversionException("'" + value + "' is not a number from 1 to 254");
        }
    }
}

package io.k8j.cli;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.k8j.cri.ContainerdNode;
import io.k8j.kubelet.KubeletConfig;
import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.kubelet.runtime.process.ProcessRuntime;
import io.k8j.kubelet.runtime.simulated.SimulatedRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The kubelet flags that k8j server and k8j agent share, with k3s's names. */
final class KubeletOptions {
    private static final Logger LOG = LoggerFactory.getLogger(KubeletOptions.class);

    @Option(names = "--node-name", description = "Name of this node (default: the hostname).")
    String nodeName;

    @Option(names = "--container-runtime",
            description = "containerd (real containers), process (host processes) or simulated (no processes) "
                    + "(default: containerd when containerd and runc are installed, else process).")
    String containerRuntime;

    @Option(names = "--container-runtime-endpoint",
            description = "unix:///path of an existing containerd to use (default: run one of our own).")
    String containerRuntimeEndpoint;

    @Option(names = "--node-taint", description = "Taint to register the node with, key=value:Effect (repeatable).")
    List<String> taints = new ArrayList<>();

    @Option(names = "--kubelet-port", defaultValue = "10250", description = "Port of the node server (default: ${DEFAULT-VALUE}; 0 picks one).")
    int kubeletPort;

    @Option(names = "--pod-loopback-block", defaultValue = "1",
            description = "Process runtime pod IPs are 127.B.x.y; give each kubelet on one machine its own B (default: ${DEFAULT-VALUE}).")
    int loopbackBlock;

    String nodeName() throws UnknownHostException {
        return nodeName != null ? nodeName : InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
    }

    ContainerRuntime runtime(Path dataDir) throws IOException {
        String chosen = containerRuntime;
        if (chosen == null) {
            Optional<String> why = containerRuntimeEndpoint != null ? Optional.empty() : ContainerdNode.unavailable();
            chosen = why.isEmpty() ? "containerd" : "process";
            why.ifPresent(reason -> LOG.info("container runtime: process, as {} (pods run as host processes)", reason));
        }
        return switch (chosen) {
            case "containerd" -> ContainerdNode.start(dataDir, containerRuntimeEndpoint);
            case "process" -> ProcessRuntime.inDataDir(dataDir, loopbackBlock, Clock.systemUTC());
            case "simulated" -> new SimulatedRuntime(0, Clock.systemUTC());
            default -> throw new IllegalArgumentException("--container-runtime must be containerd, process or simulated: "
                    + containerRuntime);
        };
    }

    KubeletConfig config(String node, Path dataDir, boolean controlPlane, String certPem, String keyPem, String caPem) {
        return new KubeletConfig(node, dataDir, controlPlane, taints.stream().map(KubeletOptions::taint).toList(),
                KubeletConfig.machineCapacity(), "127.0.0.1", kubeletPort, certPem, keyPem, caPem,
                Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(10));
    }

    /** key=value:Effect or key:Effect, as kubectl taint and k3s's --node-taint take them. */
    static Taint taint(String spec) {
        int colon = spec.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--node-taint needs key[=value]:Effect: " + spec);
        }
        String kv = spec.substring(0, colon);
        int eq = kv.indexOf('=');
        return new TaintBuilder().withKey(eq < 0 ? kv : kv.substring(0, eq)).withValue(eq < 0 ? null : kv.substring(eq + 1))
                .withEffect(spec.substring(colon + 1)).build();
    }
}

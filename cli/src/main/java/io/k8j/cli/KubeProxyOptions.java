package io.k8j.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8j.client.net.ClusterNetwork;
import io.k8j.cri.ContainerdRuntime;
import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.proxy.ProxyConfig;
import io.k8j.proxy.ServiceProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The service proxy that k8j server and k8j agent run beside their kubelet, as k3s runs kube-proxy: only for the
 * containerd runtime (the process runtime's pods share the host's network and have no pod IPs to send Service
 * traffic to) and only where iptables can be programmed; elsewhere the node says why and runs without it.
 */
final class KubeProxyOptions {
    private static final Logger LOG = LoggerFactory.getLogger(KubeProxyOptions.class);

    @Option(names = "--disable-kube-proxy", description = "Do not run the service proxy (kube-proxy) on this node.")
    boolean disabled;

    AutoCloseable start(ContainerRuntime runtime, String nodeName, ClusterNetwork network,
                        Supplier<KubernetesClient> clients) throws Exception {
        if (disabled) {
            return () -> {
            };
        }
        if (!(runtime instanceof ContainerdRuntime)) {
            LOG.info("kube-proxy: not started, as the pods of this runtime have no pod network");
            return () -> {
            };
        }
        Optional<String> why = ServiceProxy.unavailable();
        if (why.isPresent()) {
            LOG.warn("kube-proxy: not started ({}): Service cluster IPs and NodePorts do not work on this node", why.get());
            return () -> {
            };
        }
        KubernetesClient client = clients.get();
        ServiceProxy proxy = ServiceProxy.start(client, ProxyConfig.of(nodeName, network));
        LOG.info("kube-proxy started (iptables)");
        return () -> {
            proxy.close();
            client.close();
        };
    }
}

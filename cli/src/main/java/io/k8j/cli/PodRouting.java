package io.k8j.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8j.client.net.ClusterNetwork;
import io.k8j.cri.containerd.PodNetworkConfig;
import io.k8j.cri.containerd.PodNetworkGuard;
import io.k8j.cri.containerd.PodRoutes;
import io.k8j.cri.containerd.PodRoutesWatch;
import io.k8j.cri.containerd.RouteTable;
import io.k8j.kubelet.runtime.ContainerRuntime;

import java.util.List;
import java.util.function.Supplier;

/**
 * Routes to other nodes' pods, beside a kubelet whose pods are on k8j's own pod network (its own containerd);
 * the guard chain lets out what they route.
 */
final class PodRouting {
    private PodRouting() {
    }

    static AutoCloseable start(ContainerRuntime runtime, String nodeName, ClusterNetwork network,
                               Supplier<KubernetesClient> clients) {
        if (!runtime.needsPodCidr()) {
            return () -> {
            };
        }
        PodNetworkGuard guard = PodNetworkGuard.of(PodNetworkConfig.DEFAULT_BRIDGE, network);
        KubernetesClient client = clients.get();
        PodRoutesWatch watch = PodRoutesWatch.start(client, new PodRoutes(nodeName,
                new RouteTable(List.of(), network.clusterCidr()), cidrs -> guard.withRoutedPodCidrs(cidrs).install()));
        return () -> {
            watch.close();
            client.close();
        };
    }
}

package io.k8j.kubelet;

import io.fabric8.kubernetes.api.model.Taint;
import io.k8j.kubelet.pod.PodDns;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to run a kubelet. {@code servingCertPem}/{@code servingKeyPem} (signed by the cluster CA) and
 * {@code clientCaPem} (who may call it) configure the node server; without a certificate it is not started.
 *
 * @param hostIp the node's InternalIP, where the node server listens
 * @param externalIp the node's ExternalIP, or null for none
 * @param nodeServerPort 0 picks a free port (tests); the Node's daemonEndpoints report the actual one
 * @param capacity cpu, memory and pods quantities
 * @param loopbackBlock B in the process runtime's pod IPs 127.B.x.y
 * @param dns what pods' resolv.conf is made of: the cluster domain, cluster DNS and the node's resolv.conf
 */
public record KubeletConfig(String nodeName, Path dataDir, List<Taint> taints,
                            Map<String, String> capacity, String hostIp, String externalIp, int nodeServerPort, String servingCertPem,
                            String servingKeyPem, String clientCaPem, Duration backoffInitial, Duration backoffMax,
                            Duration heartbeat, PodDns dns) {
    public static final String VERSION = "v1.33.0-k8j";

    /** Defaults from the machine: its cores, its memory, 110 pods. */
    public static Map<String, String> machineCapacity() {
        long memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        return Map.of("cpu", Integer.toString(Runtime.getRuntime().availableProcessors()),
                "memory", (memory / 1024) + "Ki", "pods", "110");
    }
}

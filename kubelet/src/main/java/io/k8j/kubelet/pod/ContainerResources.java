package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.k8j.kubelet.runtime.ContainerLinux;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A container's requests and limits as cgroup settings, as kuberuntime's generateLinuxContainerResources: CPU
 * shares from the request (2 when none), a CFS quota over a 100 ms period from the limit, the memory limit, and
 * the OOM score adjustment of its pod's QoS class (Guaranteed -997, BestEffort 1000, Burstable by how much of
 * the node's memory it requests).
 */
final class ContainerResources {
    static final long CPU_PERIOD = 100_000;
    private static final long MIN_SHARES = 2;
    private static final long MIN_QUOTA = 1000;

    private ContainerResources() {
    }

    static ContainerLinux.Resources of(Container c, String qosClass, Map<String, String> allocatable) {
        Map<String, Quantity> requests = c.getResources() == null || c.getResources().getRequests() == null
                ? Map.of() : c.getResources().getRequests();
        Map<String, Quantity> limits = c.getResources() == null || c.getResources().getLimits() == null
                ? Map.of() : c.getResources().getLimits();
        Quantity cpuRequest = requests.getOrDefault("cpu", limits.get("cpu"));
        long shares = cpuRequest == null ? MIN_SHARES : Math.max(MIN_SHARES, milli(cpuRequest) * 1024 / 1000);
        long quota = limits.containsKey("cpu") ? Math.max(MIN_QUOTA, milli(limits.get("cpu")) * CPU_PERIOD / 1000) : 0;
        long memory = limits.containsKey("memory") ? bytes(limits.get("memory")) : 0;
        Quantity memoryRequest = requests.getOrDefault("memory", limits.get("memory"));
        return new ContainerLinux.Resources(quota > 0 ? CPU_PERIOD : 0, quota, shares, memory,
                oomScoreAdj(qosClass, memoryRequest == null ? 0 : bytes(memoryRequest), allocatable));
    }

    /** kube's GetContainerOOMScoreAdjust. */
    static long oomScoreAdj(String qosClass, long memoryRequest, Map<String, String> allocatable) {
        return switch (qosClass) {
            case "Guaranteed" -> -997;
            case "BestEffort" -> 1000;
            default -> {
                long capacity = bytes(new Quantity(allocatable.getOrDefault("memory", "0")));
                long adj = capacity <= 0 ? 999 : 1000 - (1000 * memoryRequest) / capacity;
                yield adj < 3 ? 3 : adj >= 1000 ? 999 : adj;
            }
        };
    }

    private static long milli(Quantity q) {
        return Quantity.getAmountInBytes(q).multiply(BigDecimal.valueOf(1000)).longValue();
    }

    private static long bytes(Quantity q) {
        return Quantity.getAmountInBytes(q).longValue();
    }
}

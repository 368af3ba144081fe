package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.scheduler.framework.CycleState;
import io.k8j.scheduler.framework.NodeInfo;
import io.k8j.scheduler.framework.PodInfo;
import io.k8j.scheduler.framework.ScorePlugin;

/**
 * Prefers nodes with the most cpu and memory left after placing the pod, which spreads pods. Uses the
 * non-zero requests so that pods without requests still count.
 */
public final class NodeResourcesLeastAllocated implements ScorePlugin {
    public static final String NAME = "NodeResourcesLeastAllocated";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        PodInfo p = PodInfos.of(state, pod);
        long cpu = node.nonZeroRequested().milliCpu + p.nonZeroRequests().milliCpu;
        long mem = node.nonZeroRequested().memory + p.nonZeroRequests().memory;
        return score(cpu, node.allocatable().milliCpu, mem, node.allocatable().memory);
    }

    /** The mean over cpu and memory of free/capacity * MAX_SCORE, 0 when overcommitted or without capacity. */
    static long score(long cpuRequested, long cpuCapacity, long memRequested, long memCapacity) {
        return (free(cpuRequested, cpuCapacity) + free(memRequested, memCapacity)) / 2;
    }

    private static long free(long requested, long capacity) {
        if (capacity == 0 || requested > capacity) {
            return 0;
        }
        return (capacity - requested) * MAX_SCORE / capacity;
    }
}

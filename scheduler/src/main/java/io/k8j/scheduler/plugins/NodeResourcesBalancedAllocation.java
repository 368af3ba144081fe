package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.scheduler.framework.CycleState;
import io.k8j.scheduler.framework.NodeInfo;
import io.k8j.scheduler.framework.PodInfo;
import io.k8j.scheduler.framework.ScorePlugin;

/**
 * Prefers nodes whose cpu and memory would be used in equal fractions after placing the pod, so that
 * neither runs out while the other idles. Uses the real requests, as kube does.
 */
public final class NodeResourcesBalancedAllocation implements ScorePlugin {
    public static final String NAME = "NodeResourcesBalancedAllocation";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        PodInfo p = PodInfos.of(state, pod);
        return score(node.requested().milliCpu + p.requests().milliCpu, node.allocatable().milliCpu,
                node.requested().memory + p.requests().memory, node.allocatable().memory);
    }

    /** (1 - standard deviation of the two fractions) * MAX_SCORE; for two values the deviation is |a-b|/2. */
    static long score(long cpuRequested, long cpuCapacity, long memRequested, long memCapacity) {
        double cpu = fraction(cpuRequested, cpuCapacity);
        double mem = fraction(memRequested, memCapacity);
        double std = Math.abs(cpu - mem) / 2;
        return (long) ((1 - std) * MAX_SCORE);
    }

    private static double fraction(long requested, long capacity) {
        return capacity == 0 ? 1 : Math.min(1, (double) requested / capacity);
    }
}

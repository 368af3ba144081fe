package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.scheduler.framework.CycleState;
import io.k8j.scheduler.framework.FilterPlugin;
import io.k8j.scheduler.framework.HostPort;
import io.k8j.scheduler.framework.NodeInfo;
import io.k8j.scheduler.framework.PreFilterPlugin;
import io.k8j.scheduler.framework.Status;

import java.util.List;

/** A pod's host ports must be free on the node. */
public final class NodePorts implements PreFilterPlugin, FilterPlugin {
    public static final String NAME = "NodePorts";
    static final String REASON = "node(s) didn't have free ports for the requested pod ports";
    private static final CycleState.Key<List<HostPort>> WANTED = new CycleState.Key<>(NAME + "/wanted");

    @Override
    public String name() {
        return NAME;
    }

    /** Most pods claim no host port; SKIP spares them the per-node filter. */
    @Override
    public Status preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
        List<HostPort> wanted = HostPort.of(pod);
        state.write(WANTED, wanted);
        return wanted.isEmpty() ? Status.SKIP : Status.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo node) {
        List<HostPort> wanted = state.read(WANTED);
        return fits(wanted == null ? HostPort.of(pod) : wanted, node.usedPorts()) ? Status.SUCCESS : Status.unschedulable(REASON);
    }

    static boolean fits(List<HostPort> wanted, List<HostPort> used) {
        return wanted.stream().noneMatch(w -> used.stream().anyMatch(w::conflictsWith));
    }
}

package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.k8j.client.Tolerations;
import io.k8j.scheduler.framework.CycleState;
import io.k8j.scheduler.framework.FilterPlugin;
import io.k8j.scheduler.framework.NodeInfo;
import io.k8j.scheduler.framework.Status;

import java.util.List;

/** A cordoned node (spec.unschedulable) takes only pods tolerating node.kubernetes.io/unschedulable:NoSchedule. */
public final class NodeUnschedulable implements FilterPlugin {
    public static final String NAME = "NodeUnschedulable";
    static final String REASON = "node(s) were unschedulable";
    private static final Taint UNSCHEDULABLE = new Taint("NoSchedule", "node.kubernetes.io/unschedulable", null, null);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo node) {
        return fits(pod.getSpec().getTolerations(), node.node()) ? Status.SUCCESS : Status.unresolvable(REASON);
    }

    static boolean fits(List<Toleration> tolerations, Node node) {
        boolean cordoned = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        return !cordoned || Tolerations.anyTolerates(tolerations, UNSCHEDULABLE);
    }
}

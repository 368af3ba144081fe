package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.scheduler.framework.CycleState;
import io.k8j.scheduler.framework.FilterPlugin;
import io.k8j.scheduler.framework.NodeInfo;
import io.k8j.scheduler.framework.Status;

/** A pod that names its node (spec.nodeName set before scheduling) fits only there. */
public final class NodeName implements FilterPlugin {
    public static final String NAME = "NodeName";
    static final String REASON = "node(s) didn't match the requested node name";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo node) {
        return fits(pod.getSpec().getNodeName(), node.name()) ? Status.SUCCESS : Status.unresolvable(REASON);
    }

    static boolean fits(String wanted, String node) {
        return wanted == null || wanted.isEmpty() || wanted.equals(node);
    }
}

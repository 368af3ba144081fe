package io.k8j.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The taints that say a node is unhealthy (kube's node.kubernetes.io/not-ready and /unreachable, each as
 * NoSchedule, which keeps new pods off, and NoExecute, which evicts running ones). The controller owns
 * these keys; every other taint on the node is left as it is.
 */
final class NodeHealthTaints {
    static final String NOT_READY = "node.kubernetes.io/not-ready";
    static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    private static final List<String> EFFECTS = List.of("NoSchedule", "NoExecute");

    private NodeHealthTaints() {
    }

    /** The health taint key a node in {@code health} should carry, or null for none. */
    static String keyFor(NodeHealth health) {
        if (health.unreachable()) {
            return UNREACHABLE;
        }
        return health == NodeHealth.NOT_READY ? NOT_READY : null;
    }

    /**
     * {@code current} with the health taints made right for {@code health}: wrong ones removed, missing ones
     * added with timeAdded {@code now}, those already there kept with their timeAdded. The same list when
     * nothing changes.
     */
    static List<Taint> reconcile(List<Taint> current, NodeHealth health, Instant now) {
        List<Taint> existing = current == null ? List.of() : current;
        String wanted = keyFor(health);
        List<Taint> result = new ArrayList<>();
        for (Taint t : existing) {
            boolean ours = NOT_READY.equals(t.getKey()) || UNREACHABLE.equals(t.getKey());
            if (!ours || t.getKey().equals(wanted) && EFFECTS.contains(t.getEffect())) {
                result.add(t);
            }
        }
        for (String effect : wanted == null ? List.<String>of() : EFFECTS) {
            if (result.stream().noneMatch(t -> wanted.equals(t.getKey()) && effect.equals(t.getEffect()))) {
                result.add(new TaintBuilder().withKey(wanted).withEffect(effect).withTimeAdded(now.toString()).build());
            }
        }
        return result.equals(existing) ? current : result;
    }
}

package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.apiserver.registry.StrategyContext;

/**
 * What kube's default admission plugins write into every new pod, so that pods read back as they do on a
 * real cluster: Priority ({@link PodPriority}), DefaultTolerationSeconds (not-ready/unreachable
 * tolerations) and ServiceAccount ({@link ServiceAccountAdmission}).
 */
final class PodAdmission {
    private PodAdmission() {
    }

    static void admit(ObjectNode pod, StrategyContext ctx, DefaultTolerationSeconds tolerationSeconds) {
        ObjectNode spec = Tree.obj(pod, "spec");
        PodPriority.admit(spec, Tree.text(Tree.objOrNull(pod, "metadata"), "name"), ctx);
        tolerate(spec, "node.kubernetes.io/not-ready", tolerationSeconds.notReady());
        tolerate(spec, "node.kubernetes.io/unreachable", tolerationSeconds.unreachable());
        ServiceAccountAdmission.admit(pod, ctx);
    }

    /** Adds a NoExecute toleration of {@code seconds} for a node-health taint the pod does not already tolerate. */
    private static void tolerate(ObjectNode spec, String taint, long seconds) {
        boolean tolerated = Tree.objects(spec, "tolerations").stream().anyMatch(t ->
                (Tree.text(t, "key").equals(taint) || Tree.text(t, "key").isEmpty())
                        && (Tree.text(t, "effect").equals("NoExecute") || Tree.text(t, "effect").isEmpty()));
        if (!tolerated) {
            ArrayNode list = spec.get("tolerations") instanceof ArrayNode a ? a : spec.putArray("tolerations");
            ObjectNode toleration = list.addObject().put("key", taint).put("operator", "Exists").put("effect", "NoExecute");
            // An int node when it fits, as parsing JSON gives, so that trees compare equal to parsed ones.
            if (seconds == (int) seconds) {
                toleration.put("tolerationSeconds", (int) seconds);
            } else {
                toleration.put("tolerationSeconds", seconds);
            }
        }
    }
}

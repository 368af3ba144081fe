package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.List;

/**
 * What kube's default admission plugins write into every new pod, so that pods read back as they do on a
 * real cluster: Priority ({@link PodPriority}), DefaultTolerationSeconds (not-ready/unreachable
 * tolerations) and ServiceAccount (the "default" account; its token volume needs the token controller and
 * is not added here).
 */
final class PodAdmission {
    private static final List<String> NODE_TAINTS = List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable");
    private static final int DEFAULT_TOLERATION_SECONDS = 300;

    private PodAdmission() {
    }

    static void admit(ObjectNode pod, StrategyContext ctx) {
        ObjectNode spec = Tree.obj(pod, "spec");
        PodPriority.admit(spec, Tree.text(Tree.objOrNull(pod, "metadata"), "name"), ctx);
        tolerations(spec);
        Tree.defaultText(spec, "serviceAccountName", "default");
        spec.put("serviceAccount", Tree.text(spec, "serviceAccountName"));
    }

    /** Adds a 300 s NoExecute toleration for each node-health taint the pod does not already tolerate. */
    private static void tolerations(ObjectNode spec) {
        for (String taint : NODE_TAINTS) {
            boolean tolerated = Tree.objects(spec, "tolerations").stream().anyMatch(t ->
                    (Tree.text(t, "key").equals(taint) || Tree.text(t, "key").isEmpty())
                            && (Tree.text(t, "effect").equals("NoExecute") || Tree.text(t, "effect").isEmpty()));
            if (!tolerated) {
                ArrayNode list = spec.get("tolerations") instanceof ArrayNode a ? a : spec.putArray("tolerations");
                list.addObject().put("key", taint).put("operator", "Exists").put("effect", "NoExecute")
                        .put("tolerationSeconds", DEFAULT_TOLERATION_SECONDS);
            }
        }
    }
}

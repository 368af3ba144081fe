package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;

import java.util.Map;

/**
 * What kube's default admission plugins write into every new pod, so that pods read back as they do on a
 * real cluster: Priority (priority, preemptionPolicy), DefaultTolerationSeconds (not-ready/unreachable
 * tolerations) and ServiceAccount (the "default" account; its token volume needs the token controller and
 * is not added here).
 */
final class PodAdmission {
    /** The two classes every cluster has; others would come from PriorityClass objects k8j does not serve yet. */
    private static final Map<String, Integer> PRIORITY_CLASSES = Map.of(
            "", 0, "system-cluster-critical", 2000000000, "system-node-critical", 2000001000);

    private PodAdmission() {
    }

    static void admit(ObjectNode pod, DefaultTolerationSeconds tolerationSeconds) {
        ObjectNode spec = Tree.obj(pod, "spec");
        priority(spec, "pods \"" + Tree.text(Tree.objOrNull(pod, "metadata"), "name") + "\" is forbidden: ");
        tolerate(spec, "node.kubernetes.io/not-ready", tolerationSeconds.notReady());
        tolerate(spec, "node.kubernetes.io/unreachable", tolerationSeconds.unreachable());
        Tree.defaultText(spec, "serviceAccountName", "default");
        spec.put("serviceAccount", Tree.text(spec, "serviceAccountName"));
    }

    private static void priority(ObjectNode spec, String forbidden) {
        String className = Tree.text(spec, "priorityClassName");
        Integer priority = PRIORITY_CLASSES.get(className);
        if (priority == null) {
            throw ApiException.forbidden(forbidden + "no PriorityClass with name " + className + " was found");
        }
        if (Tree.isSet(spec, "priority") && spec.get("priority").asLong() != priority) {
            throw ApiException.forbidden(forbidden + "the integer value of priority (" + spec.get("priority").asLong()
                    + ") must not be provided in pod spec; priority admission controller computed " + priority
                    + " from the given PriorityClass name");
        }
        spec.put("priority", priority);
        Tree.defaultText(spec, "preemptionPolicy", "PreemptLowerPriority");
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

package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Kube's Priority admission plugin: spec.priorityClassName resolves to spec.priority and
 * spec.preemptionPolicy from the PriorityClass of that name; a pod naming none gets the global default
 * class (the lowest, should there be several, as the API documents), else priority 0. The two system classes are known even
 * before the API server has created their objects.
 */
final class PodPriority {
    static final List<ObjectNode> SYSTEM_CLASSES = List.of(
            systemClass("system-node-critical", 2000001000, "Used for system critical pods that must not be moved from their current node."),
            systemClass("system-cluster-critical", 2000000000, "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."));

    private PodPriority() {
    }

    static void admit(ObjectNode spec, String podName, StrategyContext ctx) {
        String forbidden = "pods \"" + podName + "\" is forbidden: ";
        List<ObjectNode> classes = ctx.list("scheduling.k8s.io", "priorityclasses");
        String className = Tree.text(spec, "priorityClassName");
        Optional<ObjectNode> pc = className.isEmpty() ? globalDefault(classes) : byName(classes, className);
        if (pc.isEmpty() && !className.isEmpty()) {
            throw ApiException.forbidden(forbidden + "no PriorityClass with name " + className + " was found");
        }
        long priority = pc.map(c -> c.path("value").asLong()).orElse(0L);
        String policy = pc.map(c -> Tree.text(c, "preemptionPolicy")).filter(p -> !p.isEmpty()).orElse("PreemptLowerPriority");
        if (Tree.isSet(spec, "priority") && spec.get("priority").asLong() != priority) {
            throw ApiException.forbidden(forbidden + "the integer value of priority (" + spec.get("priority").asLong()
                    + ") must not be provided in pod spec; priority admission controller computed " + priority
                    + " from the given PriorityClass name");
        }
        if (Tree.isSet(spec, "preemptionPolicy") && !Tree.text(spec, "preemptionPolicy").equals(policy)) {
            throw ApiException.forbidden(forbidden + "the string value of PreemptionPolicy (" + Tree.text(spec, "preemptionPolicy")
                    + ") must not be provided in pod spec; priority admission controller computed " + policy
                    + " from the given PriorityClass name");
        }
        pc.ifPresent(c -> spec.put("priorityClassName", Tree.text(c.path("metadata"), "name")));
        spec.put("priority", (int) priority); // an int32 in kube, and an IntNode as clients send it
        spec.put("preemptionPolicy", policy);
    }

    private static Optional<ObjectNode> byName(List<ObjectNode> classes, String name) {
        return java.util.stream.Stream.concat(classes.stream(), SYSTEM_CLASSES.stream())
                .filter(c -> Tree.text(c.path("metadata"), "name").equals(name)).findFirst();
    }

    private static Optional<ObjectNode> globalDefault(List<ObjectNode> classes) {
        return classes.stream().filter(c -> Tree.isTrue(c, "globalDefault"))
                .min(Comparator.comparingLong((JsonNode c) -> c.path("value").asLong()));
    }

    private static ObjectNode systemClass(String name, int value, String description) {
        ObjectNode pc = Json.object().put("apiVersion", "scheduling.k8s.io/v1").put("kind", "PriorityClass");
        pc.putObject("metadata").put("name", name);
        return pc.put("value", value).put("description", description).put("preemptionPolicy", "PreemptLowerPriority");
    }
}

package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ResourceType;

import java.util.Arrays;
import java.util.List;

/**
 * Where a resource keeps what its Scale shows: spec.replicas, status.replicas and spec.selector (a LabelSelector)
 * for the workloads; the paths of its CRD's subresources.scale for a custom resource, whose selector is a string.
 *
 * @param selector null when the resource has none
 */
record ScalePaths(List<String> specReplicas, List<String> statusReplicas, List<String> selector,
                  boolean selectorIsString) {
    private static final ScalePaths WORKLOADS = new ScalePaths(List.of("spec", "replicas"),
            List.of("status", "replicas"), List.of("spec", "selector"), false);

    static ScalePaths of(ResourceType type) {
        JsonNode scale = type.custom() == null ? null : type.custom().scale();
        if (scale == null) {
            return WORKLOADS;
        }
        String selector = scale.path("labelSelectorPath").asText("");
        return new ScalePaths(path(scale.path("specReplicasPath").asText()), path(scale.path("statusReplicasPath").asText()),
                selector.isEmpty() ? null : path(selector), true);
    }

    /** ".spec.replicas" -> [spec, replicas]. */
    private static List<String> path(String jsonPath) {
        return Arrays.stream(jsonPath.split("\\.")).filter(s -> !s.isEmpty()).toList();
    }

    static JsonNode at(JsonNode obj, List<String> path) {
        JsonNode node = obj;
        for (String step : path) {
            node = node.path(step);
        }
        return node;
    }

    static void set(ObjectNode obj, List<String> path, int value) {
        ObjectNode parent = obj;
        for (String step : path.subList(0, path.size() - 1)) {
            parent = parent.get(step) instanceof ObjectNode o ? o : parent.putObject(step);
        }
        parent.put(path.getLast(), value);
    }
}

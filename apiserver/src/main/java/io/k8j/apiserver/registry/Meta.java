package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Accessors for the {@code metadata} of an object held as a JSON tree. */
public final class Meta {
    private Meta() {
    }

    public static ObjectNode of(ObjectNode obj) {
        JsonNode m = obj.get("metadata");
        if (m instanceof ObjectNode on) {
            return on;
        }
        return obj.putObject("metadata");
    }

    public static String text(ObjectNode obj, String field) {
        JsonNode m = obj.get("metadata");
        JsonNode v = m == null ? null : m.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    public static String name(ObjectNode obj) {
        return text(obj, "name");
    }

    public static String namespace(ObjectNode obj) {
        return text(obj, "namespace");
    }

    public static String uid(ObjectNode obj) {
        return text(obj, "uid");
    }

    public static String resourceVersion(ObjectNode obj) {
        return text(obj, "resourceVersion");
    }

    public static boolean isDeleting(ObjectNode obj) {
        return text(obj, "deletionTimestamp") != null;
    }

    public static Map<String, String> labels(ObjectNode obj) {
        return stringMap(obj.path("metadata").path("labels"));
    }

    public static Map<String, String> stringMap(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    public static List<String> finalizers(ObjectNode obj) {
        JsonNode f = obj.path("metadata").path("finalizers");
        if (!f.isArray()) {
            return List.of();
        }
        return f.valueStream().map(JsonNode::asText).toList();
    }

    public static void setFinalizers(ObjectNode obj, List<String> finalizers) {
        if (finalizers.isEmpty()) {
            of(obj).remove("finalizers");
        } else {
            var arr = of(obj).putArray("finalizers");
            finalizers.forEach(arr::add);
        }
    }
}

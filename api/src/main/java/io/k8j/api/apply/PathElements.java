package io.k8j.api.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import io.k8j.api.patch.ListType;
import io.k8j.api.patch.SchemaHints;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Path elements as FieldsV1 writes them, and paths as conflict messages print them. */
final class PathElements {
    private PathElements() {
    }

    static String field(String name) {
        return "f:" + name;
    }

    /**
     * The element naming list item {@code index}: its list-map keys (sorted by name, defaults filled in) for
     * associative lists, its value for sets, its index otherwise.
     */
    static String item(JsonNode item, ListType type, int index) {
        if (type.kind() == ListType.Kind.SET) {
            return "v:" + compact(item);
        }
        if (type.kind() == ListType.Kind.MAP && item.isObject()) {
            ObjectNode key = Json.object();
            for (String k : type.mapKeys().stream().sorted().toList()) {
                JsonNode v = item.has(k) ? item.get(k) : SchemaHints.keyDefault(k);
                if (v != null) {
                    key.set(k, v);
                }
            }
            if (!key.isEmpty()) {
                return "k:" + compact(key);
            }
        }
        return "i:" + index;
    }

    /** ".spec.containers[name=\"app\"].image", the form of a conflict's field. */
    static String describe(List<String> path) {
        StringBuilder b = new StringBuilder();
        for (String pe : path) {
            String body = pe.substring(2);
            switch (pe.charAt(0)) {
                case 'f' -> b.append('.').append(body);
                case 'v' -> b.append("[=").append(body).append(']');
                case 'i' -> b.append('[').append(body).append(']');
                default -> {
                    b.append('[');
                    String sep = "";
                    for (Map.Entry<String, JsonNode> e : parse(body).properties()) {
                        b.append(sep).append(e.getKey()).append('=').append(compact(e.getValue()));
                        sep = ",";
                    }
                    b.append(']');
                }
            }
        }
        return b.toString();
    }

    private static String compact(JsonNode value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Small edits and reads on wire-form JSON trees. Defaulting follows Go's zero values: a string field is
 * unset when absent, null or "", a pointer field when absent or null, a plain int32 field also when 0.
 */
final class Tree {
    private Tree() {
    }

    /** The object under {@code field}, created when missing (or not an object). */
    static ObjectNode obj(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        return n instanceof ObjectNode o ? o : parent.putObject(field);
    }

    /** The object under {@code field}, or null. */
    static ObjectNode objOrNull(JsonNode parent, String field) {
        return parent != null && parent.get(field) instanceof ObjectNode o ? o : null;
    }

    /** The object at a dotted path, or null. */
    static ObjectNode at(JsonNode root, String dottedPath) {
        JsonNode n = root;
        for (String part : dottedPath.split("\\.")) {
            n = objOrNull(n, part);
        }
        return (ObjectNode) n;
    }

    /** The text of a scalar field; "" when absent or null (Go's zero value). */
    static String text(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        return n == null || n.isNull() || n.isContainerNode() ? "" : n.asText();
    }

    static boolean isSet(JsonNode parent, String field) {
        return parent != null && parent.hasNonNull(field);
    }

    static boolean isTrue(JsonNode parent, String field) {
        return parent != null && parent.path(field).asBoolean(false);
    }

    static void defaultText(ObjectNode n, String field, String value) {
        if (text(n, field).isEmpty()) {
            n.put(field, value);
        }
    }

    static void defaultNumber(ObjectNode n, String field, int value) {
        if (!isSet(n, field)) {
            n.put(field, value);
        }
    }

    /** For non-pointer int32 fields, where 0 means unset. */
    static void defaultNonZero(ObjectNode n, String field, int value) {
        if (!isSet(n, field) || n.get(field).asLong() == 0) {
            n.put(field, value);
        }
    }

    /** Semantic equality: numbers compare by value, so 1, 1L and 1.0 from different parsers agree. */
    static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(NUMERIC, b);
    }

    private static final Comparator<JsonNode> NUMERIC = (x, y) -> {
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue());
        }
        return x.equals(y) ? 0 : 1;
    };

    static void defaultBool(ObjectNode n, String field, boolean value) {
        if (!isSet(n, field)) {
            n.put(field, value);
        }
    }

    /**
     * Elements of the array under {@code field}, positioned as in the array; a malformed (non-object)
     * element is replaced by a detached empty object so indexes in field paths stay right.
     */
    static List<ObjectNode> objects(JsonNode parent, String field) {
        JsonNode arr = parent == null ? null : parent.get(field);
        if (arr == null || !arr.isArray()) {
            return Collections.emptyList();
        }
        List<ObjectNode> out = new ArrayList<>(arr.size());
        for (JsonNode e : arr) {
            out.add(e instanceof ObjectNode o ? o : Json.object());
        }
        return out;
    }

    /** Texts of a string array; absent means empty. */
    static List<String> texts(JsonNode parent, String field) {
        JsonNode arr = parent == null ? null : parent.get(field);
        List<String> out = new ArrayList<>();
        if (arr != null && arr.isArray()) {
            arr.forEach(e -> out.add(e.asText()));
        }
        return out;
    }

    /** True when a field holding a JSON value is absent, null, or an empty object/array/string. */
    static boolean isEmpty(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        return n == null || n.isNull() || n.isContainerNode() && n.isEmpty()
                || n.isTextual() && n.asText().isEmpty();
    }
}

package io.k8j.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Strategic merge patch of one object (apimachinery's strategicpatch, server side: parallel lists and
 * unmatched nulls ignored). Handles the map-level directives; lists are merged by {@link StrategicList}.
 */
final class StrategicMerge {
    static final String PATCH = "$patch";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String SET_ELEMENT_ORDER = "$setElementOrder/";
    static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

    private StrategicMerge() {
    }

    /** Merges {@code patch} into {@code original}, which is modified; returns the result (possibly a new map). */
    static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, Schema schema) {
        JsonNode directive = patch.get(PATCH);
        if (directive != null) {
            switch (directive.asText()) {
                case "replace" -> {
                    ObjectNode replacement = patch.deepCopy();
                    replacement.remove(PATCH);
                    return mergeMap(original.objectNode(), replacement, schema);
                }
                case "delete" -> {
                    return original.objectNode();
                }
                case "merge" -> {
                    // the default; nothing to do
                }
                default -> throw PatchException.badRequest("Unknown patch type: " + directive.asText() + " in map: " + patch);
            }
        }
        retainKeys(original, patch);
        // A field may appear only through a directive, e.g. a reorder without changes.
        Set<String> fields = new LinkedHashSet<>();
        for (var entry : patch.properties()) {
            String key = entry.getKey();
            if (key.startsWith(SET_ELEMENT_ORDER)) {
                fields.add(key.substring(SET_ELEMENT_ORDER.length()));
            } else if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                fields.add(key.substring(DELETE_FROM_PRIMITIVE_LIST.length()));
            } else if (!key.startsWith("$")) {
                fields.add(key);
            }
        }
        for (String field : fields) {
            mergeField(original, patch, field, schema);
        }
        return original;
    }

    private static void mergeField(ObjectNode original, ObjectNode patch, String field, Schema schema) {
        JsonNode before = original.get(field);
        JsonNode value = patch.get(field);
        JsonNode result = before;
        if (value != null && value.isNull()) {
            original.remove(field);
            return;
        }
        if (value != null) {
            result = mergeValue(before, value, schema.field(field), schema.listType(field));
        }
        JsonNode toDelete = patch.get(DELETE_FROM_PRIMITIVE_LIST + field);
        if (toDelete != null && result != null && result.isArray()) {
            if (!toDelete.isArray()) {
                throw PatchException.badRequest("invalid patch format of primitive list");
            }
            result = StrategicList.without((ArrayNode) result, toDelete);
        }
        JsonNode order = patch.get(SET_ELEMENT_ORDER + field);
        if (order != null && result != null && result.isArray()) {
            if (!order.isArray()) {
                throw PatchException.badRequest("invalid patch format of setElementOrder list");
            }
            ArrayNode serverOrder = before != null && before.isArray() ? (ArrayNode) before : original.arrayNode();
            result = StrategicList.order((ArrayNode) result, (ArrayNode) order, serverOrder, schema.listType(field).mergeKey());
        }
        if (result != null) {
            original.set(field, result);
        }
    }

    /** The merge of one patch value into the original value (absent when null). */
    static JsonNode mergeValue(JsonNode before, JsonNode value, Schema schema, ListType listType) {
        if (value.isObject()) {
            // New subtrees still go through mergeMap so that their directives and nulls are dropped.
            ObjectNode base = before != null && before.isObject() ? (ObjectNode) before : ((ObjectNode) value).objectNode();
            return mergeMap(base, (ObjectNode) value, schema);
        }
        if (value.isArray() && listType.smpMerge()) {
            ArrayNode base = before != null && before.isArray() ? (ArrayNode) before : ((ArrayNode) value).arrayNode();
            return StrategicList.merge(base, (ArrayNode) value, schema.element(), listType.mergeKey());
        }
        return value.deepCopy();
    }

    /** {@code $retainKeys}: drop the original's fields that the list does not name (used with retainKeys unions). */
    private static void retainKeys(ObjectNode original, ObjectNode patch) {
        JsonNode keys = patch.get(RETAIN_KEYS);
        if (keys == null) {
            return;
        }
        if (!keys.isArray()) {
            throw PatchException.badRequest("invalid patch format of retainKeys");
        }
        Set<String> retained = new HashSet<>();
        keys.forEach(k -> retained.add(k.asText()));
        for (var e : patch.properties()) {
            if (!e.getKey().startsWith("$") && !e.getValue().isNull() && !retained.contains(e.getKey())) {
                throw PatchException.badRequest("invalid patch format of retainKeys");
            }
        }
        original.retain(retained);
    }
}

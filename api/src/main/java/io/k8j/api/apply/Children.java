package io.k8j.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.patch.ListType;
import io.k8j.api.patch.Schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of a value that server-side apply tracks separately, keyed by path element: the fields of an object
 * that is not an atomic struct, the items of an associative or set list. Everything else is one leaf value.
 */
final class Children {

    /**
     * One child value with its schema.
     *
     * @param declared true for declared struct fields; list items, map entries and fields of unknown objects are
     *                 members of a field set themselves, not only through their leaves
     * @param name     the field name, or null for list items
     */
    record Child(JsonNode value, Schema schema, ListType listType, boolean declared, String name) {
    }

    private Children() {
    }

    /** True when {@code v} is tracked child by child rather than as a whole. */
    static boolean granular(JsonNode v, Schema s, ListType lt) {
        return v != null && (v.isObject() && !s.isAtomic() || v.isArray() && lt.kind() != ListType.Kind.ATOMIC);
    }

    /** The children of a granular value in document order; the first of duplicate list keys wins. */
    static Map<String, Child> of(JsonNode v, Schema s, ListType lt) {
        Map<String, Child> out = new LinkedHashMap<>();
        if (v.isObject()) {
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                String k = e.getKey();
                out.put(PathElements.field(k), new Child(e.getValue(), s.field(k), s.listType(k), s.declares(k), k));
            }
        } else {
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                out.putIfAbsent(PathElements.item(item, lt, i), new Child(item, s.element(), ListType.ATOMIC, false, null));
            }
        }
        return out;
    }
}

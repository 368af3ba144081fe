package io.k8j.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.patch.ListType;
import io.k8j.api.patch.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Merges an applied configuration into the live object the way structured-merge-diff does: objects merge field
 * by field, associative and set lists merge item by item, atomic values are replaced, explicit nulls clear.
 * Neither input is modified.
 */
final class StructuredMerge {

    private StructuredMerge() {
    }

    /** The merged value, or null when the configuration clears it. */
    static JsonNode merge(JsonNode live, JsonNode applied, Schema s, ListType lt) {
        if (applied.isNull()) {
            return null;
        }
        if (live == null || !Children.granular(live, s, lt) || !Children.granular(applied, s, lt)
                || live.isObject() != applied.isObject()) {
            return withoutNulls(applied);
        }
        return live.isObject() ? mergeObject((ObjectNode) live, applied, s) : mergeList((ArrayNode) live, applied, s, lt);
    }

    private static ObjectNode mergeObject(ObjectNode live, JsonNode applied, Schema s) {
        ObjectNode out = live.deepCopy();
        for (Map.Entry<String, JsonNode> e : applied.properties()) {
            String k = e.getKey();
            JsonNode m = merge(live.get(k), e.getValue(), s.field(k), s.listType(k));
            if (m == null) {
                out.remove(k);
            } else {
                out.set(k, m);
            }
        }
        return out;
    }

    /**
     * Items in the applied order; live-only items (duplicates included) stay where they were relative to the
     * shared items that follow them, and those after the last shared item stay at the end.
     */
    private static ArrayNode mergeList(ArrayNode live, JsonNode applied, Schema s, ListType lt) {
        List<String> liveKeys = new ArrayList<>();
        for (int i = 0; i < live.size(); i++) {
            liveKeys.add(PathElements.item(live.get(i), lt, i));
        }
        Map<String, Children.Child> appliedItems = Children.of(applied, s, lt);
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        int next = 0;
        for (Map.Entry<String, Children.Child> e : appliedItems.entrySet()) {
            int at = liveKeys.indexOf(e.getKey());
            for (; next <= at; next++) {
                if (!appliedItems.containsKey(liveKeys.get(next))) {
                    out.add(live.get(next).deepCopy());
                }
            }
            JsonNode m = merge(at >= 0 ? live.get(at) : null, e.getValue().value(), s.element(), ListType.ATOMIC);
            if (m != null) {
                out.add(m);
            }
        }
        for (; next < live.size(); next++) {
            if (!appliedItems.containsKey(liveKeys.get(next))) {
                out.add(live.get(next).deepCopy());
            }
        }
        return out;
    }

    /** Nulls in an applied configuration mean "unset"; they never reach the stored object. */
    static JsonNode withoutNulls(JsonNode v) {
        if (v.isObject()) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            v.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    o.set(e.getKey(), withoutNulls(e.getValue()));
                }
            });
            return o;
        }
        if (v.isArray()) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            v.forEach(item -> a.add(withoutNulls(item)));
            return a;
        }
        return v.deepCopy();
    }
}

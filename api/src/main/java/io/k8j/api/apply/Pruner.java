package io.k8j.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.patch.ListType;
import io.k8j.api.patch.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Removes what an applier stopped applying: a field goes when the applier's previous set held it and no manager
 * (the applier's new set included) still owns it or anything under it. The keys of a kept list item stay.
 */
final class Pruner {

    private Pruner() {
    }

    /** Prunes {@code value} in place. */
    static void prune(JsonNode value, Schema s, ListType lt, FieldSet previous, FieldSet owned) {
        prune(value, s, lt, previous, owned, List.of());
    }

    private static void prune(JsonNode value, Schema s, ListType lt, FieldSet previous, FieldSet owned,
                              List<String> keyFields) {
        if (!Children.granular(value, s, lt)) {
            return;
        }
        Map<String, Children.Child> children = Children.of(value, s, lt);
        List<Children.Child> doomed = new ArrayList<>();
        children.forEach((pe, c) -> {
            FieldSet before = previous.get(pe);
            if (before == null || (c.name() != null && keyFields.contains(c.name()))) {
                return;
            }
            FieldSet now = owned == null ? null : owned.get(pe);
            if (before.isMember() && (now == null || now.isEmpty())) {
                doomed.add(c);
                return;
            }
            boolean wasEmpty = c.value().isEmpty();
            prune(c.value(), c.schema(), c.listType(), before, now, value.isArray() ? lt.mapKeys() : List.of());
            if (!wasEmpty && c.value().isEmpty() && c.value().isContainerNode() && (now == null || !now.isMember())) {
                doomed.add(c); // emptied by pruning and owned by no one: Go's omitempty drops it as well
            }
        });
        for (Children.Child c : doomed) {
            if (value.isObject()) {
                ((ObjectNode) value).remove(c.name());
            } else {
                removeItem((ArrayNode) value, c.value());
            }
        }
    }

    private static void removeItem(ArrayNode list, JsonNode item) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == item) {
                list.remove(i);
                return;
            }
        }
    }
}

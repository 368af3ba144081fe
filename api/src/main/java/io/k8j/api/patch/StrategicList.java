package io.k8j.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Strategic merge of lists whose patch strategy is "merge": lists of objects merge item by item on the merge
 * key (honouring {@code $patch: delete|replace} items), lists of primitives are unioned. The result is ordered
 * as apimachinery orders it: patch items in patch order, server-only items in their old order, interleaved.
 */
final class StrategicList {

    private StrategicList() {
    }

    /** The merge of {@code patch} into {@code original}; neither is modified. */
    static ArrayNode merge(ArrayNode original, ArrayNode patch, Schema element, String mergeKey) {
        if (original.isEmpty() && patch.isEmpty()) {
            return original.deepCopy();
        }
        if (!hasObjects(original) && !hasObjects(patch)) {
            ArrayNode merged = original.deepCopy();
            patch.forEach(v -> {
                if (indexOf(merged, v, null) < 0) {
                    merged.add(v.deepCopy());
                }
            });
            return order(merged, patch, original, null);
        }
        if (mergeKey == null) {
            throw PatchException.invalid("cannot merge lists without merge key");
        }
        ArrayNode merged = original.deepCopy();
        List<ObjectNode> items = new ArrayList<>();
        boolean replace = false;
        for (JsonNode p : patch) {
            if (!p.isObject()) {
                throw PatchException.invalid("lists of objects and primitives cannot be merged: " + p);
            }
            JsonNode directive = p.get(StrategicMerge.PATCH);
            if (directive == null) {
                items.add((ObjectNode) p);
                continue;
            }
            switch (directive.asText()) {
                case "delete" -> removeAll(merged, key(p, mergeKey), mergeKey);
                case "replace" -> replace = true;
                case "merge" -> throw PatchException.badRequest("merging lists cannot yet be specified in the patch");
                default -> throw PatchException.badRequest("Unknown patch type: " + directive.asText() + " in map: " + p);
            }
        }
        if (replace) {
            ArrayNode replaced = patch.arrayNode();
            items.forEach(p -> replaced.add(StrategicMerge.mergeMap(p.objectNode(), p, element)));
            return replaced;
        }
        ArrayNode serverOrder = merged.deepCopy();
        for (ObjectNode p : items) {
            int i = indexOf(merged, key(p, mergeKey), mergeKey);
            if (i >= 0 && merged.get(i).isObject()) {
                merged.set(i, StrategicMerge.mergeMap((ObjectNode) merged.get(i), p, element));
            } else {
                merged.add(StrategicMerge.mergeMap(p.objectNode(), p, element));
            }
        }
        return order(merged, patch, serverOrder, mergeKey);
    }

    /** {@code $deleteFromPrimitiveList}: the list without any of the given values. */
    static ArrayNode without(ArrayNode list, JsonNode values) {
        ArrayNode kept = list.arrayNode();
        list.forEach(v -> {
            if (indexOf((ArrayNode) values, v, null) < 0) {
                kept.add(v);
            }
        });
        return kept;
    }

    /**
     * Orders a merged list: items named by {@code order} (the patch list, or {@code $setElementOrder}) follow it,
     * the others keep their order in {@code serverOrder}.
     */
    static ArrayNode order(ArrayNode merged, ArrayNode order, ArrayNode serverOrder, String mergeKey) {
        List<JsonNode> inOrder = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode item : merged) {
            (indexOf(order, identity(item, mergeKey), mergeKey) >= 0 ? inOrder : serverOnly).add(item);
        }
        inOrder.sort(Comparator.comparingInt(item -> indexOf(order, identity(item, mergeKey), mergeKey)));
        serverOnly.sort(Comparator.comparingInt(item -> indexOf(serverOrder, identity(item, mergeKey), mergeKey)));
        return interleave(serverOnly, inOrder, serverOrder, mergeKey, merged.arrayNode());
    }

    /**
     * Inserts server-only items among the ordered ones: a server-only item goes first only when both are on the
     * server and it came first there; otherwise the ordered item wins.
     */
    private static ArrayNode interleave(List<JsonNode> serverOnly, List<JsonNode> ordered, ArrayNode serverOrder,
                                        String mergeKey, ArrayNode out) {
        int i = 0;
        int j = 0;
        while (i < serverOnly.size() || j < ordered.size()) {
            if (j >= ordered.size()) {
                out.add(serverOnly.get(i++));
            } else if (i >= serverOnly.size()) {
                out.add(ordered.get(j++));
            } else {
                int li = indexOf(serverOrder, identity(serverOnly.get(i), mergeKey), mergeKey);
                int ri = indexOf(serverOrder, identity(ordered.get(j), mergeKey), mergeKey);
                out.add(li >= 0 && ri >= 0 && li < ri ? serverOnly.get(i++) : ordered.get(j++));
            }
        }
        return out;
    }

    private static boolean hasObjects(ArrayNode list) {
        for (JsonNode v : list) {
            if (v.isObject()) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode key(JsonNode item, String mergeKey) {
        JsonNode k = item.get(mergeKey);
        if (k == null) {
            throw PatchException.invalid("map: " + item + " does not contain declared merge key: " + mergeKey);
        }
        return k;
    }

    /** What identifies an item: its merge key's value, or the value itself for primitives. */
    private static JsonNode identity(JsonNode item, String mergeKey) {
        return mergeKey == null ? item : item.get(mergeKey);
    }

    private static int indexOf(ArrayNode list, JsonNode identity, String mergeKey) {
        if (identity == null) {
            return -1;
        }
        for (int i = 0; i < list.size(); i++) {
            if (identity.equals(identity(list.get(i), mergeKey))) {
                return i;
            }
        }
        return -1;
    }

    private static void removeAll(ArrayNode list, JsonNode identity, String mergeKey) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (identity.equals(identity(list.get(i), mergeKey))) {
                list.remove(i);
            }
        }
    }
}

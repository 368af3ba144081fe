package io.k8j.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.patch.ListType;
import io.k8j.api.patch.Schema;
import io.k8j.api.patch.SchemaHints;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The field sets server-side apply derives from objects: the fields an object sets, and what changed. */
final class ObjectFields {

    /** What changed between two objects; non-leaf paths appear in added/removed when the whole node did. */
    record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {
        /** Added or modified: what a write takes ownership of. */
        FieldSet changed() {
            return added.union(modified);
        }
    }

    private ObjectFields() {
    }

    /**
     * The fields {@code obj} sets, as an applied configuration owns them: leaves, items of associative lists,
     * map entries, empty objects and explicit nulls.
     */
    static FieldSet of(JsonNode obj, Schema schema) {
        FieldSet set = new FieldSet();
        collect(obj, schema, ListType.ATOMIC, new ArrayList<>(), set);
        return set;
    }

    private static void collect(JsonNode v, Schema s, ListType lt, List<String> path, FieldSet set) {
        if (!Children.granular(v, s, lt)) {
            set.insert(path);
            return;
        }
        if (v.isObject() && v.isEmpty() && !path.isEmpty()) {
            set.insert(path);
        }
        Children.of(v, s, lt).forEach((pe, c) -> {
            path.add(pe);
            collect(c.value(), c.schema(), c.listType(), path, set);
            if (!c.declared()) {
                set.insert(path);
            }
            path.remove(path.size() - 1);
        });
    }

    static Comparison compare(JsonNode before, JsonNode after, Schema schema) {
        Comparison c = new Comparison(new FieldSet(), new FieldSet(), new FieldSet());
        compare(before, after, schema, ListType.ATOMIC, new ArrayList<>(), c);
        return c;
    }

    private static void compare(JsonNode a, JsonNode b, Schema s, ListType lt, List<String> path, Comparison c) {
        if (a == null && b == null) {
            return;
        }
        if (a == null) {
            everything(b, s, lt, path, c.added());
        } else if (b == null) {
            everything(a, s, lt, path, c.removed());
        } else if (Children.granular(a, s, lt) && Children.granular(b, s, lt) && a.isObject() == b.isObject()) {
            Map<String, Children.Child> ca = Children.of(a, s, lt);
            Map<String, Children.Child> cb = Children.of(b, s, lt);
            Set<String> all = new LinkedHashSet<>(ca.keySet());
            all.addAll(cb.keySet());
            for (String pe : all) {
                Children.Child x = ca.get(pe);
                Children.Child y = cb.get(pe);
                Children.Child any = y != null ? y : x;
                path.add(pe);
                compare(goValue(x, y), goValue(y, x), any.schema(), any.listType(), path, c);
                path.remove(path.size() - 1);
            }
        } else if (!same(a, b) && !path.isEmpty()) {
            c.modified().insert(path);
        }
    }

    /**
     * The child's value as the Go object holds it, since that is what kube compares: empty maps and lists are
     * omitted, while fields Go always serializes are empty containers rather than absent.
     */
    private static JsonNode goValue(Children.Child child, Children.Child other) {
        JsonNode v = child == null ? null : child.value();
        Children.Child known = child != null ? child : other;
        if (v != null && known.declared() && v.isContainerNode() && v.isEmpty()
                && (known.schema().kind() == Schema.Kind.MAP || known.schema().kind() == Schema.Kind.LIST)) {
            v = null;
        }
        JsonNode o = other == null ? null : other.value();
        if (v == null && known.declared() && SchemaHints.isAlwaysSerialized(known.name()) && o != null && o.isContainerNode()) {
            return o.isObject() ? ((ObjectNode) o).objectNode() : ((ArrayNode) o).arrayNode();
        }
        return v;
    }

    /** A node that appeared or disappeared, with everything under it. */
    private static void everything(JsonNode v, Schema s, ListType lt, List<String> path, FieldSet set) {
        if (!path.isEmpty()) {
            set.insert(path);
        }
        if (Children.granular(v, s, lt)) {
            Children.of(v, s, lt).forEach((pe, c) -> {
                path.add(pe);
                everything(c.value(), c.schema(), c.listType(), path, set);
                path.remove(path.size() - 1);
            });
        }
    }

    /** JSON equality where 1 and 1.0, or an int and a long, are the same number. */
    static boolean same(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> x instanceof NumericNode && y instanceof NumericNode
                ? x.decimalValue().compareTo(y.decimalValue()) : x.equals(y) ? 0 : 1, b);
    }
}

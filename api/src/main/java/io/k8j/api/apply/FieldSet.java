package io.k8j.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of field paths, stored as the trie that FieldsV1 serializes: each node is keyed by a path element
 * ({@code f:name}, {@code k:{"name":"app"}}, {@code v:"x"}, {@code i:0}) and is a member of the set itself
 * when {@code "."} (or, for a leaf, the empty object) says so. Sets are mutable while built and combined by
 * operations that return new sets.
 */
public final class FieldSet {
    /** Field names first, then keyed items, set values and indexes, as structured-merge-diff orders them. */
    private static final Comparator<String> ORDER =
            Comparator.comparingInt((String pe) -> "fkvi".indexOf(pe.charAt(0))).thenComparing(Comparator.naturalOrder());

    private boolean member;
    private final TreeMap<String, FieldSet> children = new TreeMap<>(ORDER);

    /** Reads a FieldsV1 object. */
    public static FieldSet parse(JsonNode fieldsV1) {
        FieldSet s = new FieldSet();
        if (fieldsV1 == null || !fieldsV1.isObject()) {
            return s;
        }
        for (Map.Entry<String, JsonNode> e : fieldsV1.properties()) {
            if (e.getKey().equals(".")) {
                s.member = true;
            } else {
                FieldSet child = parse(e.getValue());
                child.member |= e.getValue().isEmpty();
                s.children.put(e.getKey(), child);
            }
        }
        return s;
    }

    /** The FieldsV1 form: "." first when a node with children is itself a member. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        if (member && !children.isEmpty()) {
            o.putObject(".");
        }
        children.forEach((pe, child) -> {
            if (!child.isEmpty()) {
                o.set(pe, child.toJson());
            }
        });
        return o;
    }

    public boolean isEmpty() {
        return !member && children.values().stream().allMatch(FieldSet::isEmpty);
    }

    /** True when the path of this node itself is in the set. */
    public boolean isMember() {
        return member;
    }

    public FieldSet get(String pathElement) {
        return children.get(pathElement);
    }

    /** Adds {@code path} (relative to this node) to the set. */
    public void insert(List<String> path) {
        FieldSet node = this;
        for (String pe : path) {
            node = node.children.computeIfAbsent(pe, k -> new FieldSet());
        }
        node.member = true;
    }

    public boolean contains(List<String> path) {
        FieldSet node = this;
        for (String pe : path) {
            node = node.children.get(pe);
            if (node == null) {
                return false;
            }
        }
        return node.member;
    }

    public FieldSet union(FieldSet other) {
        FieldSet r = copy();
        r.addAll(other);
        return r;
    }

    private void addAll(FieldSet other) {
        member |= other.member;
        other.children.forEach((pe, c) -> children.computeIfAbsent(pe, k -> new FieldSet()).addAll(c));
    }

    /** The paths of this set that {@code other} does not hold (descendants of other's paths stay). */
    public FieldSet difference(FieldSet other) {
        FieldSet r = new FieldSet();
        r.member = member && !other.member;
        children.forEach((pe, c) -> {
            FieldSet o = other.children.get(pe);
            FieldSet d = o == null ? c.copy() : c.difference(o);
            if (!d.isEmpty()) {
                r.children.put(pe, d);
            }
        });
        return r;
    }

    public FieldSet intersection(FieldSet other) {
        FieldSet r = new FieldSet();
        r.member = member && other.member;
        children.forEach((pe, c) -> {
            FieldSet o = other.children.get(pe);
            if (o != null) {
                FieldSet i = c.intersection(o);
                if (!i.isEmpty()) {
                    r.children.put(pe, i);
                }
            }
        });
        return r;
    }

    /** This set without the child {@code pathElement} and everything under it. */
    public FieldSet without(String pathElement) {
        FieldSet r = copy();
        r.children.remove(pathElement);
        return r;
    }

    /** Every member path, in set order. */
    public List<List<String>> paths() {
        List<List<String>> out = new ArrayList<>();
        collect(new ArrayList<>(), out);
        return out;
    }

    private void collect(List<String> prefix, List<List<String>> out) {
        if (member) {
            out.add(List.copyOf(prefix));
        }
        children.forEach((pe, c) -> {
            prefix.add(pe);
            c.collect(prefix, out);
            prefix.remove(prefix.size() - 1);
        });
    }

    public FieldSet copy() {
        FieldSet r = new FieldSet();
        r.addAll(this);
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSet f && toJson().equals(f.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return toJson().toString();
    }
}

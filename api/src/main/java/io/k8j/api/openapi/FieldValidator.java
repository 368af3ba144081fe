package io.k8j.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks request bodies against the schema of their kind, as kube's strict JSON decoding does: unknown
 * fields (reported or dropped, per fieldValidation) and values of the wrong JSON type. The walk follows
 * the precomputed {@link Shape} of the model class, so it costs one pass over the body.
 */
public final class FieldValidator {

    /**
     * Paths of fields the schema does not know, as kube prints them in {@code unknown field "<path>"}:
     * {@code spec.containers[0].imagee}. Map-typed fields (labels, data, resources.limits...) take any key.
     */
    public List<String> unknownFields(JsonNode obj, Class<?> modelClass) {
        List<String> out = new ArrayList<>();
        walk(obj, Shapes.of(modelClass), "", out);
        return out;
    }

    /** Removes the fields {@link #unknownFields} would report, in place, as kube's decoder drops them. */
    public void prune(ObjectNode obj, Class<?> modelClass) {
        walk(obj, Shapes.of(modelClass), "", null);
    }

    /**
     * Values whose JSON type the field cannot hold, as Go's decoder words it, e.g. {@code json: cannot
     * unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32}. In document order;
     * kube reports the first one.
     */
    public List<String> typeErrors(JsonNode obj, Class<?> modelClass) {
        List<String> out = new ArrayList<>();
        TypeCheck.check(obj, Shapes.of(modelClass), out);
        return out;
    }

    /** Reports unknown fields into {@code out}, or removes them when {@code out} is null. */
    private static void walk(JsonNode node, Shape shape, String path, List<String> out) {
        switch (shape) {
            case Shape.Struct s when node.isObject() && !s.open() -> {
                Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    Shape field = s.fields().get(e.getKey());
                    String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                    if (field != null) {
                        walk(e.getValue(), field, child, out);
                    } else if (out != null) {
                        out.add(child);
                    } else {
                        it.remove();
                    }
                }
            }
            case Shape.ArrayOf a when node.isArray() -> {
                for (int i = 0; i < node.size(); i++) {
                    walk(node.get(i), a.items(), path + "[" + i + "]", out);
                }
            }
            case Shape.MapOf m when node.isObject() && !(m.values() instanceof Shape.Scalar) ->
                    node.properties().forEach(e -> walk(e.getValue(), m.values(), path + "." + e.getKey(), out));
            default -> {
                // scalars, open objects and values of the wrong type (typeErrors reports those)
            }
        }
    }
}

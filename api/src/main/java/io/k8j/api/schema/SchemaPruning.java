package io.k8j.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kube's structural pruning: a field that the schema does not specify is dropped, unless the schema keeps
 * unknown fields there ({@code x-kubernetes-preserve-unknown-fields}). apiVersion, kind and metadata are kept
 * at the root and in embedded resources.
 */
public final class SchemaPruning {
    private static final Set<String> RESOURCE_FIELDS = Set.of("apiVersion", "kind", "metadata");

    private SchemaPruning() {
    }

    /** Removes the unknown fields of {@code obj} in place and returns their paths ("spec.extra"). */
    public static List<String> prune(ObjectNode obj, JsonNode schema) {
        List<String> pruned = new ArrayList<>();
        pruneObject(obj, schema, "", true, pruned);
        return pruned;
    }

    private static void prune(JsonNode value, JsonNode schema, String path, List<String> pruned) {
        if (schema == null || SchemaNode.intOrString(schema)) {
            return;
        }
        if (value instanceof ObjectNode o) {
            pruneObject(o, schema, path, SchemaNode.embeddedResource(schema), pruned);
        } else if (value instanceof ArrayNode a && schema.has("items")) {
            for (int i = 0; i < a.size(); i++) {
                prune(a.get(i), schema.get("items"), path + "[" + i + "]", pruned);
            }
        }
    }

    private static void pruneObject(ObjectNode obj, JsonNode schema, String path, boolean resource, List<String> pruned) {
        boolean preserve = SchemaNode.preservesUnknownFields(schema);
        Iterator<Map.Entry<String, JsonNode>> fields = obj.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (resource && RESOURCE_FIELDS.contains(name)) {
                continue;
            }
            JsonNode fieldSchema = SchemaNode.property(schema, name);
            if (fieldSchema == null) {
                if (!preserve) {
                    pruned.add(SchemaNode.child(path, name));
                    fields.remove();
                }
                continue;
            }
            prune(field.getValue(), fieldSchema, SchemaNode.child(path, name), pruned);
        }
    }
}

package io.k8j.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * kube's structural defaulting: a property with a {@code default} that is missing, or null without being
 * nullable, gets the default; defaults apply below defaulted values too, and inside arrays and maps.
 */
public final class SchemaDefaults {
    private SchemaDefaults() {
    }

    public static void apply(JsonNode value, JsonNode schema) {
        if (schema == null) {
            return;
        }
        if (value instanceof ObjectNode obj) {
            for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
                JsonNode def = p.getValue().get("default");
                JsonNode current = obj.get(p.getKey());
                boolean nullable = p.getValue().path("nullable").asBoolean(false);
                if (def != null && (current == null || current.isNull() && !nullable)) {
                    obj.set(p.getKey(), def.deepCopy());
                }
            }
            for (Map.Entry<String, JsonNode> field : obj.properties()) {
                apply(field.getValue(), SchemaNode.property(schema, field.getKey()));
            }
        } else if (value instanceof ArrayNode arr) {
            arr.forEach(item -> apply(item, schema.get("items")));
        }
    }
}

package io.k8j.api.schema;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading one node of a structural openAPIV3Schema: what it allows below it. */
final class SchemaNode {
    private SchemaNode() {
    }

    static boolean preservesUnknownFields(JsonNode schema) {
        return schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    }

    static boolean intOrString(JsonNode schema) {
        return schema.path("x-kubernetes-int-or-string").asBoolean(false);
    }

    static boolean embeddedResource(JsonNode schema) {
        return schema.path("x-kubernetes-embedded-resource").asBoolean(false);
    }

    /** The schema of field {@code name} of an object, or null when the schema says nothing of it. */
    static JsonNode property(JsonNode schema, String name) {
        JsonNode p = schema.path("properties").get(name);
        if (p != null) {
            return p;
        }
        JsonNode additional = schema.get("additionalProperties");
        return additional != null && additional.isObject() ? additional : null;
    }

    /** "spec.items[0]" joined with "name": "spec.items[0].name". */
    static String child(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}

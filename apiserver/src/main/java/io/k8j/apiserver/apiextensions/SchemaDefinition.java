package io.k8j.apiserver.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The structural-schema rules a CRD's openAPIV3Schema must follow (kube's structural schema checks, the part
 * that pruning and validation rely on): an object at the root, and a type on every specified field and array item
 * unless it is int-or-string or keeps unknown fields.
 */
final class SchemaDefinition {
    private SchemaDefinition() {
    }

    static List<FieldError> validate(JsonNode schema, String path) {
        List<FieldError> errors = new ArrayList<>();
        String type = schema.path("type").asText("");
        if (type.isEmpty()) {
            errors.add(FieldError.required(path + ".type", "must not be empty at the root"));
        } else if (!type.equals("object")) {
            errors.add(FieldError.invalid(path + ".type", type, "must be object at the root"));
        }
        below(schema, path, errors);
        return errors;
    }

    private static void below(JsonNode schema, String path, List<FieldError> errors) {
        pattern(schema, path, errors);
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            String child = path + ".properties[" + p.getKey() + "]";
            typed(p.getValue(), child, "must not be empty for specified object fields", errors);
            below(p.getValue(), child, errors);
        }
        JsonNode items = schema.get("items");
        if (items != null && items.isObject()) {
            typed(items, path + ".items", "must not be empty for specified array items", errors);
            below(items, path + ".items", errors);
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isObject()) {
            typed(additional, path + ".additionalProperties", "must not be empty for specified object fields", errors);
            below(additional, path + ".additionalProperties", errors);
        }
    }

    private static void typed(JsonNode schema, String path, String detail, List<FieldError> errors) {
        boolean free = schema.path("x-kubernetes-int-or-string").asBoolean(false)
                || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (!free && schema.path("type").asText("").isEmpty()) {
            errors.add(FieldError.required(path + ".type", detail));
        }
    }

    private static void pattern(JsonNode schema, String path, List<FieldError> errors) {
        if (!schema.has("pattern")) {
            return;
        }
        try {
            Pattern.compile(schema.get("pattern").asText());
        } catch (PatternSyntaxException e) {
            errors.add(FieldError.invalid(path + ".pattern", schema.get("pattern").asText(),
                    "must be a valid regular expression, but isn't: " + e.getDescription()));
        }
    }
}

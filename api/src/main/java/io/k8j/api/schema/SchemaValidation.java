package io.k8j.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validation of a custom resource against its structural openAPIV3Schema, with the field paths and messages of
 * kube's apiextensions validator ({@code spec.replicas: Invalid value: "string": spec.replicas in body must be of
 * type integer: "string"}). apiVersion, kind and metadata at the root are the store's to check.
 */
public final class SchemaValidation {
    private SchemaValidation() {
    }

    public static List<FieldError> validate(JsonNode obj, JsonNode schema) {
        List<FieldError> errors = new ArrayList<>();
        required(obj, schema, "", errors);
        for (Map.Entry<String, JsonNode> field : obj.properties()) {
            JsonNode fieldSchema = SchemaNode.property(schema, field.getKey());
            if (fieldSchema != null && !List.of("apiVersion", "kind", "metadata").contains(field.getKey())) {
                value(field.getValue(), fieldSchema, field.getKey(), errors);
            }
        }
        return errors;
    }

    private static void value(JsonNode value, JsonNode schema, String path, List<FieldError> errors) {
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false) && schema.has("type")) {
                errors.add(typeError(path, schema.path("type").asText(), value));
            }
            return;
        }
        if (SchemaNode.intOrString(schema)) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                errors.add(typeError(path, "integer,string", value));
            }
            return;
        }
        String type = schema.path("type").asText("");
        if (!type.isEmpty() && !hasType(value, type)) {
            errors.add(typeError(path, type, value));
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            List<String> supported = new ArrayList<>();
            schema.get("enum").forEach(e -> supported.add(e.isTextual() ? e.asText() : e.toString()));
            errors.add(FieldError.notSupported(path, value, supported));
        }
        if (value.isTextual()) {
            string(value, schema, path, errors);
        } else if (value.isNumber()) {
            number(value, schema, path, errors);
        } else if (value.isArray()) {
            array(value, schema, path, errors);
        } else if (value.isObject()) {
            object(value, schema, path, errors);
        }
    }

    private static void string(JsonNode value, JsonNode schema, String path, List<FieldError> errors) {
        String s = value.asText();
        int length = s.codePointCount(0, s.length());
        if (schema.has("maxLength") && length > schema.get("maxLength").asLong()) {
            errors.add(new FieldError(FieldError.Type.TOO_LONG, path, value,
                    "may not be longer than " + schema.get("maxLength").asLong()));
        }
        if (schema.has("minLength") && length < schema.get("minLength").asLong()) {
            errors.add(FieldError.invalid(path, value,
                    path + " in body should be at least " + schema.get("minLength").asLong() + " chars long"));
        }
        if (schema.has("pattern") && !matches(schema.get("pattern").asText(), s)) {
            errors.add(FieldError.invalid(path, value,
                    path + " in body should match '" + schema.get("pattern").asText() + "'"));
        }
    }

    private static void number(JsonNode value, JsonNode schema, String path, List<FieldError> errors) {
        double v = value.asDouble();
        if (schema.has("minimum")) {
            double min = schema.get("minimum").asDouble();
            boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
            if (exclusive ? v <= min : v < min) {
                errors.add(FieldError.invalid(path, value, path + " in body should be greater than "
                        + (exclusive ? "" : "or equal to ") + schema.get("minimum")));
            }
        }
        if (schema.has("maximum")) {
            double max = schema.get("maximum").asDouble();
            boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
            if (exclusive ? v >= max : v > max) {
                errors.add(FieldError.invalid(path, value, path + " in body should be less than "
                        + (exclusive ? "" : "or equal to ") + schema.get("maximum")));
            }
        }
    }

    private static void array(JsonNode value, JsonNode schema, String path, List<FieldError> errors) {
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asLong()) {
            errors.add(new FieldError(FieldError.Type.TOO_MANY, path, value.size(),
                    "must have at most " + schema.get("maxItems").asLong() + " items"));
        }
        if (schema.has("minItems") && value.size() < schema.get("minItems").asLong()) {
            errors.add(FieldError.invalid(path, value.size(),
                    path + " in body should have at least " + schema.get("minItems").asLong() + " items"));
        }
        JsonNode items = schema.get("items");
        if (items != null) {
            for (int i = 0; i < value.size(); i++) {
                value(value.get(i), items, path + "[" + i + "]", errors);
            }
        }
    }

    private static void object(JsonNode value, JsonNode schema, String path, List<FieldError> errors) {
        if (SchemaNode.embeddedResource(schema)) {
            for (String f : List.of("apiVersion", "kind")) {
                if (value.path(f).asText("").isEmpty()) {
                    errors.add(FieldError.required(SchemaNode.child(path, f), "must not be empty"));
                }
            }
        }
        required(value, schema, path, errors);
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            JsonNode fieldSchema = SchemaNode.property(schema, field.getKey());
            if (fieldSchema != null && !(SchemaNode.embeddedResource(schema) && field.getKey().equals("metadata"))) {
                value(field.getValue(), fieldSchema, SchemaNode.child(path, field.getKey()), errors);
            }
        }
    }

    private static void required(JsonNode value, JsonNode schema, String path, List<FieldError> errors) {
        for (JsonNode name : schema.path("required")) {
            if (!value.has(name.asText())) {
                errors.add(FieldError.required(SchemaNode.child(path, name.asText()), ""));
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static FieldError typeError(String path, String type, JsonNode value) {
        String actual = typeName(value);
        return FieldError.invalid(path, actual, path + " in body must be of type " + type + ": \"" + actual + "\"");
    }

    private static String typeName(JsonNode value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        return value.isNumber() ? "number" : value.isTextual() ? "string" : value.isBoolean() ? "boolean"
                : value.isArray() ? "array" : "object";
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value) || v.isNumber() && value.isNumber() && v.asDouble() == value.asDouble()) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String pattern, String s) {
        try {
            return Pattern.compile(pattern).matcher(s).find();
        } catch (PatternSyntaxException e) {
            return true; // the CRD's validation refuses patterns that do not compile
        }
    }
}

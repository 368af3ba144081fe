package io.k8j.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds values of the wrong JSON type and words them like Go's encoding/json UnmarshalTypeError, which
 * kube-apiserver passes through in its 400: the struct holding the field, the dotted path from the root
 * (without list indexes) and the Go type expected.
 */
final class TypeCheck {
    /** apimachinery's resource.Quantity grammar; kube rejects anything else while decoding. */
    private static final Pattern QUANTITY = Pattern.compile("^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$");
    private static final String QUANTITY_ERROR = "quantities must match the regular expression '" + QUANTITY.pattern() + "'";

    private TypeCheck() {
    }

    static void check(JsonNode obj, Shape.Struct root, List<String> out) {
        if (!obj.isObject()) {
            out.add("json: cannot unmarshal " + jsonType(obj) + " into Go value of type " + root.goType());
            return;
        }
        fields(obj, root, "", out);
    }

    private static void fields(JsonNode obj, Shape.Struct s, String path, List<String> out) {
        if (s.open()) {
            return;
        }
        obj.properties().forEach(e -> {
            Shape field = s.fields().get(e.getKey());
            if (field != null) {
                value(e.getValue(), field, s, path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        });
    }

    /** Checks one value; {@code owner} is the innermost struct, whose name Go puts in front of the path. */
    private static void value(JsonNode v, Shape shape, Shape.Struct owner, String path, List<String> out) {
        if (v.isNull()) {
            return; // null leaves the Go field at its zero value
        }
        String found = switch (shape) {
            case Shape.Struct s -> {
                if (v.isObject()) {
                    fields(v, s, path, out);
                    yield null;
                }
                yield jsonType(v);
            }
            case Shape.ArrayOf a -> {
                if (v.isArray()) {
                    v.forEach(item -> value(item, a.items(), owner, path, out));
                    yield null;
                }
                yield jsonType(v);
            }
            case Shape.MapOf m -> {
                if (v.isObject()) {
                    // Go's decoder does not put map keys into the error's field path
                    v.properties().forEach(e -> value(e.getValue(), m.values(), owner, path, out));
                    yield null;
                }
                yield jsonType(v);
            }
            case Shape.Scalar sc when sc == Shape.Scalar.QUANTITY -> {
                // resource.Quantity parses the text itself and answers with its own message
                if (!v.isNumber() && !(v.isTextual() && QUANTITY.matcher(v.asText().trim()).matches())) {
                    out.add(QUANTITY_ERROR);
                }
                yield null;
            }
            case Shape.Scalar sc -> scalar(v, sc);
        };
        if (found != null) {
            out.add("json: cannot unmarshal " + found + " into Go struct field " + owner.simpleName() + "." + path
                    + " of type " + goType(shape));
        }
    }

    /** What Go would call the mismatching input, or null when the value fits. */
    private static String scalar(JsonNode v, Shape.Scalar s) {
        return switch (s) {
            case STRING, TIME, MICRO_TIME -> v.isTextual() ? null : jsonType(v);
            case BOOLEAN -> v.isBoolean() ? null : jsonType(v);
            case NUMBER -> v.isNumber() ? null : jsonType(v);
            case INT32 -> !v.isNumber() ? jsonType(v) : v.isIntegralNumber() && v.canConvertToInt() ? null
                    : "number " + v.asText();
            case INT64 -> !v.isNumber() ? jsonType(v) : v.isIntegralNumber() && v.canConvertToLong() ? null
                    : "number " + v.asText();
            case INT_OR_STRING -> v.isTextual() || v.isIntegralNumber() && v.canConvertToInt() ? null
                    : v.isNumber() ? "number " + v.asText() : jsonType(v);
            case QUANTITY, ANY -> null;
        };
    }

    private static String goType(Shape shape) {
        return switch (shape) {
            case Shape.Struct s -> s.goType();
            case Shape.ArrayOf a -> "[]" + goType(a.items());
            case Shape.MapOf m -> "map[string]" + goType(m.values());
            case Shape.Scalar s -> s.goType();
        };
    }

    private static String jsonType(JsonNode v) {
        if (v.isTextual()) {
            return "string";
        }
        if (v.isNumber()) {
            return "number";
        }
        if (v.isBoolean()) {
            return "bool";
        }
        return v.isArray() ? "array" : "object";
    }
}

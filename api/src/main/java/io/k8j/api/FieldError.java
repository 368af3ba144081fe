package io.k8j.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One validation failure on one field, rendered the way Kubernetes' field.Error renders it: the
 * {@code message} of a Status cause is "Required value", "Invalid value: \"x\": must be ...", and so on.
 */
public record FieldError(Type type, String field, Object badValue, String detail) {

    public enum Type {
        REQUIRED("FieldValueRequired", "Required value"),
        INVALID("FieldValueInvalid", "Invalid value"),
        FORBIDDEN("FieldValueForbidden", "Forbidden"),
        NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
        DUPLICATE("FieldValueDuplicate", "Duplicate value"),
        TOO_LONG("FieldValueTooLong", "Too long"),
        TOO_MANY("FieldValueTooMany", "Too many"),
        NOT_FOUND("FieldValueNotFound", "Not found");

        final String reason;
        final String text;

        Type(String reason, String text) {
            this.reason = reason;
            this.text = text;
        }

        public String reason() {
            return reason;
        }
    }

    public static FieldError required(String field, String detail) {
        return new FieldError(Type.REQUIRED, field, null, detail);
    }

    public static FieldError invalid(String field, Object value, String detail) {
        return new FieldError(Type.INVALID, field, value, detail);
    }

    public static FieldError forbidden(String field, String detail) {
        return new FieldError(Type.FORBIDDEN, field, null, detail);
    }

    public static FieldError notSupported(String field, Object value, java.util.Collection<String> supported) {
        return new FieldError(Type.NOT_SUPPORTED, field, value,
                "supported values: " + String.join(", ", supported.stream().map(s -> "\"" + s + "\"").toList()));
    }

    public static FieldError duplicate(String field, Object value) {
        return new FieldError(Type.DUPLICATE, field, value, null);
    }

    public static FieldError notFound(String field, Object value) {
        return new FieldError(Type.NOT_FOUND, field, value, null);
    }

    /** The text after "field: ", e.g. {@code Invalid value: "Foo": a lowercase RFC 1123 subdomain ...}. */
    public String message() {
        StringBuilder b = new StringBuilder(type.text);
        boolean showsValue = type == Type.INVALID || type == Type.NOT_SUPPORTED || type == Type.DUPLICATE
                || type == Type.NOT_FOUND || type == Type.TOO_MANY;
        if (showsValue) {
            b.append(": ").append(render(badValue));
        }
        if (detail != null && !detail.isEmpty()) {
            b.append(": ").append(detail);
        }
        return b.toString();
    }

    /** "field: message", as it appears inside an Invalid Status message. */
    public String describe() {
        return field + ": " + message();
    }

    private static String render(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof JsonNode n) {
            return n.isTextual() ? "\"" + n.asText() + "\"" : n.toString();
        }
        return String.valueOf(value);
    }
}

package io.k8j.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * An expected failure of an API request, carrying the metav1.Status that kube-apiserver would send.
 * Thrown anywhere in the request pipeline; the HTTP layer turns it into the response.
 */
public class ApiException extends RuntimeException {
    private final int code;
    private final String reason;
    private final ObjectNode details;

    public ApiException(int code, String reason, String message, ObjectNode details) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.details = details;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** The Status object, as JSON. */
    public ObjectNode status() {
        ObjectNode s = Json.object();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Failure");
        s.put("message", getMessage());
        if (reason != null && !reason.isEmpty()) {
            s.put("reason", reason);
        }
        if (details != null) {
            s.set("details", details);
        }
        s.put("code", code);
        return s;
    }

    private static ObjectNode details(ResourceType type, String name) {
        ObjectNode d = Json.object();
        if (name != null && !name.isEmpty()) {
            d.put("name", name);
        }
        if (type != null) {
            if (!type.group().isEmpty()) {
                d.put("group", type.group());
            }
            d.put("kind", type.plural());
        }
        return d;
    }

    public static ApiException notFound(ResourceType type, String name) {
        return new ApiException(404, "NotFound",
                type.qualifiedName() + " \"" + name + "\" not found", details(type, name));
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "NotFound", message, null);
    }

    public static ApiException alreadyExists(ResourceType type, String name) {
        return new ApiException(409, "AlreadyExists",
                type.qualifiedName() + " \"" + name + "\" already exists", details(type, name));
    }

    public static ApiException conflict(ResourceType type, String name, String why) {
        return new ApiException(409, "Conflict",
                "Operation cannot be fulfilled on " + type.qualifiedName() + " \"" + name + "\": " + why,
                details(type, name));
    }

    /** The stale-resourceVersion conflict that clients retry on. */
    public static ApiException modified(ResourceType type, String name) {
        return conflict(type, name,
                "the object has been modified; please apply your changes to the latest version and try again");
    }

    public static ApiException invalid(ResourceType type, String name, List<FieldError> errors) {
        ObjectNode d = Json.object();
        if (name != null && !name.isEmpty()) {
            d.put("name", name);
        }
        if (!type.group().isEmpty()) {
            d.put("group", type.group());
        }
        d.put("kind", type.kind());
        ArrayNode causes = d.putArray("causes");
        for (FieldError e : errors) {
            causes.addObject().put("reason", e.type().reason()).put("message", e.message()).put("field", e.field());
        }
        String list = errors.size() == 1 ? errors.get(0).describe()
                : "[" + String.join(", ", errors.stream().map(FieldError::describe).toList()) + "]";
        String subject = type.qualifiedKind() + " \"" + (name == null ? "" : name) + "\"";
        return new ApiException(422, "Invalid", subject + " is invalid: " + list, d);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message, null);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "Forbidden", message, null);
    }

    public static ApiException methodNotAllowed() {
        return new ApiException(405, "MethodNotAllowed",
                "the server does not allow this method on the requested resource", null);
    }

    public static ApiException unsupportedMediaType(List<String> accepted) {
        return new ApiException(415, "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: "
                        + String.join(", ", accepted), null);
    }

    /** kube's NewRequestEntityTooLargeError with its "limit is N" detail. */
    public static ApiException tooLarge(long limit) {
        return new ApiException(413, "RequestEntityTooLarge", "Request entity too large: limit is " + limit, null);
    }

    /** kube's NewTimeoutError (504) without a retry delay: {@code details} is empty, no Retry-After is sent. */
    public static ApiException timeout(String message) {
        return new ApiException(504, "Timeout", "Timeout: " + message, Json.object());
    }

    public static ApiException expired(String message) {
        return new ApiException(410, "Expired", message, null);
    }

    public static ApiException internal(String message) {
        return new ApiException(500, "InternalError", "Internal error occurred: " + message, null);
    }
}

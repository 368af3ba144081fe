package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.ResourceType;
import io.k8j.api.schema.SchemaPruning;
import io.k8j.api.openapi.FieldValidator;

import java.util.List;

/**
 * The {@code fieldValidation} query parameter: Strict rejects unknown and duplicate fields with 400,
 * Warn (the default) drops them and warns, Ignore drops them silently. Wrong types are always a 400.
 */
final class FieldValidation {
    private final FieldValidator validator;

    FieldValidation(FieldValidator validator) {
        this.validator = validator;
    }

    ObjectNode decode(ApiRequest req, ResourceType type) {
        String mode = mode(req);
        ObjectNode obj = BodyDecoder.object(req.body(), req.header("Content-Type"), type, mode.equals("Strict"));
        check(req, obj, type, mode);
        return obj;
    }

    /** Applies the field validation mode to an already decoded object (patch results, apply configs). */
    void check(ApiRequest req, ObjectNode obj, ResourceType type) {
        check(req, obj, type, mode(req));
    }

    private void check(ApiRequest req, ObjectNode obj, ResourceType type, String mode) {
        if (type.custom() != null) {
            // a custom resource: its schema says what is unknown; the store prunes, defaults and validates it
            JsonNode schema = type.custom().schema();
            // kube names the kind for custom resources: "Widget in version "v1" cannot be handled as a Widget: ..."
            report(req, schema == null ? List.of() : SchemaPruning.prune(obj.deepCopy(), schema), mode,
                    type.kind() + " in version \"" + type.version() + "\" cannot be handled as a " + type.kind() + ": ");
            return;
        }
        List<String> typeErrors = validator.typeErrors(obj, type.modelClass());
        if (!typeErrors.isEmpty()) {
            throw ApiException.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                    + type.kind() + ": " + typeErrors.get(0));
        }
        report(req, validator.unknownFields(obj, type.modelClass()), mode, "");
        validator.prune(obj, type.modelClass());
    }

    private static void report(ApiRequest req, List<String> unknown, String mode, String strictPrefix) {
        switch (mode) {
            case "Strict" -> {
                if (!unknown.isEmpty()) {
                    throw ApiException.badRequest(strictPrefix + "strict decoding error: " + String.join(", ",
                            unknown.stream().map(f -> "unknown field \"" + f + "\"").toList()));
                }
            }
            case "Warn" -> unknown.forEach(f -> req.warn("unknown field \"" + f + "\""));
            default -> {
            }
        }
    }

    static String mode(ApiRequest req) {
        String mode = req.param("fieldValidation", "Warn");
        if (!List.of("Strict", "Warn", "Ignore").contains(mode)) {
            throw ApiException.badRequest("fieldValidation parameter unsupported: " + mode);
        }
        return mode;
    }
}

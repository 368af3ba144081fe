package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.api.ResourceType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The metadata validation every resource shares (apimachinery's ValidateObjectMeta). */
final class MetadataRules {
    private static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;

    private MetadataRules() {
    }

    static List<FieldError> validate(ResourceType type, ObjectNode obj) {
        List<FieldError> errors = new ArrayList<>();
        String name = Meta.name(obj);
        if (name == null || name.isEmpty()) {
            errors.add(FieldError.required("metadata.name", "name or generateName is required"));
        } else {
            String problem = NameRules.pathSegment(name);
            // events and RBAC objects (system:discovery) need only be path segments, as in kube
            if (problem == null && !type.plural().equals("events") && !type.group().equals("rbac.authorization.k8s.io")) {
                problem = NameRules.dns1123Subdomain(name);
            }
            if (problem != null) {
                errors.add(FieldError.invalid("metadata.name", name, problem));
            }
        }
        if (type.namespaced() && (Meta.namespace(obj) == null || Meta.namespace(obj).isEmpty())) {
            errors.add(FieldError.required("metadata.namespace", ""));
        }
        if (!type.namespaced() && Meta.namespace(obj) != null && !Meta.namespace(obj).isEmpty()) {
            errors.add(FieldError.forbidden("metadata.namespace", "not allowed on this type"));
        }
        JsonNode labels = obj.path("metadata").path("labels");
        labels.properties().forEach(e -> {
            String keyProblem = NameRules.qualifiedName(e.getKey());
            if (keyProblem != null) {
                errors.add(FieldError.invalid("metadata.labels", e.getKey(), keyProblem));
            }
            String valueProblem = e.getValue().isTextual() ? NameRules.labelValue(e.getValue().asText()) : "must be a string";
            if (valueProblem != null) {
                errors.add(FieldError.invalid("metadata.labels", e.getValue(), valueProblem));
            }
        });
        JsonNode annotations = obj.path("metadata").path("annotations");
        long size = 0;
        for (Map.Entry<String, JsonNode> e : annotations.properties()) {
            String keyProblem = NameRules.qualifiedName(e.getKey().toLowerCase());
            if (keyProblem != null) {
                errors.add(FieldError.invalid("metadata.annotations", e.getKey(), keyProblem));
            }
            size += e.getKey().length() + e.getValue().asText().length();
        }
        if (size > MAX_ANNOTATIONS_BYTES) {
            errors.add(new FieldError(FieldError.Type.TOO_LONG, "metadata.annotations", null,
                    "must have at most " + MAX_ANNOTATIONS_BYTES + " bytes"));
        }
        return errors;
    }

    /** Immutable metadata on update, checked before the object's own rules. */
    static List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
        List<FieldError> errors = new ArrayList<>();
        for (String field : List.of("name", "namespace")) {
            if (!Objects.equals(Meta.text(obj, field), Meta.text(old, field))) {
                errors.add(FieldError.invalid("metadata." + field, Meta.text(obj, field), "field is immutable"));
            }
        }
        return errors;
    }
}

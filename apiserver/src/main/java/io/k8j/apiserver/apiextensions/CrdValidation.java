package io.k8j.apiserver.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.Meta;
import io.k8j.apiserver.registry.NameRules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** kube's ValidateCustomResourceDefinition for apiextensions.k8s.io/v1: names, group, scope, versions. */
final class CrdValidation {
    private static final Pattern KIND = Pattern.compile("[A-Za-z]([-A-Za-z0-9]*[A-Za-z0-9])?");

    private CrdValidation() {
    }

    static List<FieldError> validate(ObjectNode crd) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode spec = crd.path("spec");
        String group = spec.path("group").asText("");
        String plural = spec.path("names").path("plural").asText("");
        String name = Meta.name(crd);
        if (name != null && !name.equals(plural + "." + group)) {
            errors.add(FieldError.invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
        }
        if (group.isEmpty()) {
            errors.add(FieldError.required("spec.group", ""));
        } else {
            String bad = NameRules.dns1123Subdomain(group);
            if (bad != null) {
                errors.add(FieldError.invalid("spec.group", group, bad));
            } else if (!group.contains(".")) {
                errors.add(FieldError.invalid("spec.group", group, "should be a domain with at least one dot"));
            }
        }
        String scope = spec.path("scope").asText("");
        if (scope.isEmpty()) {
            errors.add(FieldError.required("spec.scope", ""));
        } else if (!scope.equals("Namespaced") && !scope.equals("Cluster")) {
            errors.add(FieldError.notSupported("spec.scope", scope, List.of("Cluster", "Namespaced")));
        }
        names(spec.path("names"), errors);
        versions(spec.path("versions"), errors);
        return errors;
    }

    private static void names(JsonNode names, List<FieldError> errors) {
        String path = "spec.names.";
        label(names, "plural", path, true, errors);
        label(names, "singular", path, false, errors);
        kind(names, "kind", path, errors);
        kind(names, "listKind", path, errors);
        int i = 0;
        for (JsonNode shortName : names.path("shortNames")) {
            String bad = NameRules.dns1035Label(shortName.asText());
            if (bad != null) {
                errors.add(FieldError.invalid(path + "shortNames[" + i + "]", shortName.asText(), bad));
            }
            i++;
        }
        i = 0;
        for (JsonNode category : names.path("categories")) {
            String bad = NameRules.dns1035Label(category.asText());
            if (bad != null) {
                errors.add(FieldError.invalid(path + "categories[" + i + "]", category.asText(), bad));
            }
            i++;
        }
    }

    private static void label(JsonNode names, String field, String path, boolean required, List<FieldError> errors) {
        String value = names.path(field).asText("");
        if (value.isEmpty()) {
            if (required) {
                errors.add(FieldError.required(path + field, ""));
            }
            return;
        }
        String bad = NameRules.dns1035Label(value);
        if (bad != null) {
            errors.add(FieldError.invalid(path + field, value, bad));
        }
    }

    private static void kind(JsonNode names, String field, String path, List<FieldError> errors) {
        String value = names.path(field).asText("");
        if (value.isEmpty()) {
            errors.add(FieldError.required(path + field, ""));
        } else if (!KIND.matcher(value).matches()) {
            errors.add(FieldError.invalid(path + field, value,
                    "may have mixed case, but should otherwise match: " + KIND.pattern()));
        }
    }

    private static void versions(JsonNode versions, List<FieldError> errors) {
        if (!versions.isArray() || versions.isEmpty()) {
            errors.add(FieldError.invalid("spec.versions", "null", "must have exactly one version marked as storage version"));
            return;
        }
        int storage = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < versions.size(); i++) {
            JsonNode v = versions.get(i);
            String path = "spec.versions[" + i + "]";
            String name = v.path("name").asText("");
            if (name.isEmpty()) {
                errors.add(FieldError.required(path + ".name", ""));
            } else if (NameRules.dns1035Label(name) != null) {
                errors.add(FieldError.invalid(path + ".name", name, NameRules.dns1035Label(name)));
            } else if (!seen.add(name)) {
                errors.add(FieldError.invalid("spec.versions", versions.toString(), "must contain unique version names"));
            }
            storage += v.path("storage").asBoolean(false) ? 1 : 0;
            if (!v.path("schema").path("openAPIV3Schema").isObject()) {
                errors.add(FieldError.required(path + ".schema.openAPIV3Schema", "schemas are required"));
            } else {
                errors.addAll(SchemaDefinition.validate(v.path("schema").path("openAPIV3Schema"),
                        path + ".schema.openAPIV3Schema"));
            }
        }
        if (storage != 1) {
            errors.add(FieldError.invalid("spec.versions", versions.toString(),
                    "must have exactly one version marked as storage version"));
        }
    }
}

package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;

import java.util.List;

/** Validation of a webhook's rules[] (RuleWithOperations), worded as kube's admissionregistration validation. */
final class WebhookRules {
    private static final List<String> OPERATIONS = List.of("*", "CONNECT", "CREATE", "DELETE", "UPDATE");
    private static final List<String> SCOPES = List.of("Cluster", "Namespaced", "*");

    private WebhookRules() {
    }

    static void validate(List<FieldError> errs, ObjectNode rule, String path) {
        List<String> operations = Tree.texts(rule, "operations");
        if (operations.isEmpty()) {
            errs.add(FieldError.required(path + ".operations", ""));
        } else if (operations.size() > 1 && operations.contains("*")) {
            errs.add(FieldError.invalid(path + ".operations", rule.get("operations"),
                    "if '*' is present, must not specify other operations"));
        }
        for (int i = 0; i < operations.size(); i++) {
            if (!OPERATIONS.contains(operations.get(i))) {
                errs.add(FieldError.notSupported(path + ".operations[" + i + "]", operations.get(i), OPERATIONS));
            }
        }
        wildcardList(errs, rule, "apiGroups", path, "API groups", false);
        wildcardList(errs, rule, "apiVersions", path, "API versions", true);
        validateResources(errs, Tree.texts(rule, "resources"), path + ".resources");
        Checks.supported(errs, rule, "scope", path + ".scope", SCOPES);
    }

    private static void wildcardList(List<FieldError> errs, ObjectNode rule, String field, String path, String what,
                                     boolean noEmptyItems) {
        List<String> values = Tree.texts(rule, field);
        if (values.isEmpty()) {
            errs.add(FieldError.required(path + "." + field, ""));
            return;
        }
        if (values.size() > 1 && values.contains("*")) {
            errs.add(FieldError.invalid(path + "." + field, rule.get(field),
                    "if '*' is present, must not specify other " + what));
        }
        for (int i = 0; noEmptyItems && i < values.size(); i++) {
            if (values.get(i).isEmpty()) {
                errs.add(FieldError.required(path + "." + field + "[" + i + "]", ""));
            }
        }
    }

    /** "*" or "*&#47;*" alone, "x/*" alone for its resource, "*&#47;status" with no other "y/status". */
    private static void validateResources(List<FieldError> errs, List<String> resources, String path) {
        if (resources.isEmpty()) {
            errs.add(FieldError.required(path, ""));
            return;
        }
        boolean allResources = resources.contains("*") || resources.contains("*/*");
        for (int i = 0; i < resources.size(); i++) {
            String res = resources.get(i);
            String p = path + "[" + i + "]";
            if (res.isEmpty()) {
                errs.add(FieldError.required(p, ""));
                continue;
            }
            if (allResources && resources.size() > 1) {
                errs.add(FieldError.invalid(path, res, "if '*/*' is present, must not specify other resources"));
                return;
            }
            String[] parts = res.split("/", 2);
            if (parts[0].isEmpty() || parts.length == 2 && parts[1].isEmpty()) {
                errs.add(FieldError.invalid(p, res, "must be resource or resource/subresource"));
            }
        }
    }
}

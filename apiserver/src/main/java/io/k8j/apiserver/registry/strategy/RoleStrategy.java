package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;

import java.util.ArrayList;
import java.util.List;

/**
 * rbac/v1 Roles and ClusterRoles (pkg/apis/rbac/validation ValidatePolicyRule): every rule has verbs, and either
 * resources with API groups or (cluster roles only) non-resource URLs, never both; an aggregationRule needs a
 * selector.
 */
final class RoleStrategy implements ResourceStrategy {
    private final boolean namespaced;

    RoleStrategy(boolean namespaced) {
        this.namespaced = namespaced;
    }

    @Override
    public List<FieldError> validate(ObjectNode role) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode rules = role.path("rules");
        for (int i = 0; i < rules.size(); i++) {
            validateRule(errs, rules.get(i), "rules[" + i + "]");
        }
        JsonNode aggregation = role.get("aggregationRule");
        if (!namespaced && aggregation != null && !aggregation.isNull()
                && aggregation.path("clusterRoleSelectors").isEmpty()) {
            errs.add(FieldError.required("aggregationRule.clusterRoleSelectors",
                    "at least one clusterRoleSelector required if aggregationRule is non-nil"));
        }
        return errs;
    }

    private void validateRule(List<FieldError> errs, JsonNode rule, String path) {
        if (rule.path("verbs").isEmpty()) {
            errs.add(FieldError.required(path + ".verbs", "verbs must contain at least one value"));
        }
        JsonNode urls = rule.path("nonResourceURLs");
        if (!urls.isEmpty()) {
            List<String> quoted = new ArrayList<>();
            urls.forEach(u -> quoted.add("\"" + u.asText() + "\""));
            String goSlice = "[]string{" + String.join(", ", quoted) + "}";
            Object values = new Object() {
                @Override
                public String toString() {
                    return goSlice;
                }
            };
            if (namespaced) {
                errs.add(FieldError.invalid(path + ".nonResourceURLs", values,
                        "namespaced rules cannot apply to non-resource URLs"));
            }
            if (!rule.path("apiGroups").isEmpty() || !rule.path("resources").isEmpty()
                    || !rule.path("resourceNames").isEmpty()) {
                errs.add(FieldError.invalid(path + ".nonResourceURLs", values,
                        "rules cannot apply to both regular resources and non-resource URLs"));
            }
            return;
        }
        if (rule.path("apiGroups").isEmpty()) {
            errs.add(FieldError.required(path + ".apiGroups", "resource rules must supply at least one api group"));
        }
        if (rule.path("resources").isEmpty()) {
            errs.add(FieldError.required(path + ".resources", "resource rules must supply at least one resource"));
        }
    }
}

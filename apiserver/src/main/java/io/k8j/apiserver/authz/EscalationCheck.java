package io.k8j.apiserver.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.http.UserInfo;

import java.util.List;

/**
 * kube's RBAC escalation prevention (the rbac registry's policybased storage): writing a Role or ClusterRole needs
 * the writer to hold every rule it grants, or the {@code escalate} verb on it; writing a binding needs the bound
 * role's rules, or the {@code bind} verb on that role. {@code system:masters} may do both. Refusals are kube's 403.
 */
public final class EscalationCheck {
    private static final String RBAC = "rbac.authorization.k8s.io";
    private static final List<PolicyRule> FULL_AUTHORITY = List.of(
            PolicyRule.resources(List.of("*"), List.of("*"), List.of("*")), PolicyRule.urls(List.of("*"), List.of("*")));

    private final Authorizer authorizer;
    private final RbacIndex rbac;

    public EscalationCheck(Authorizer authorizer, RbacIndex rbac) {
        this.authorizer = authorizer;
        this.rbac = rbac;
    }

    /** Throws kube's 403 (or 404 for a binding to a missing role) when {@code user} may not write {@code obj}. */
    public void check(UserInfo user, ResourceType type, String namespace, ObjectNode obj) {
        if (!type.group().equals(RBAC) || user.groups().contains(PrivilegedGroupAuthorizer.SYSTEM_MASTERS)) {
            return;
        }
        String ns = namespace == null ? "" : namespace;
        String name = obj.path("metadata").path("name").asText("");
        switch (type.plural()) {
            case "roles", "clusterroles" -> checkRole(user, type, ns, name, obj);
            case "rolebindings", "clusterrolebindings" -> checkBinding(user, type, ns, name, obj.path("roleRef"));
            default -> {
            }
        }
    }

    private void checkRole(UserInfo user, ResourceType type, String ns, String name, ObjectNode role) {
        if (allowed(Attributes.resource(user, "escalate", RBAC, type.plural(), "", ns, name))) {
            return;
        }
        JsonNode aggregation = role.get("aggregationRule");
        if (aggregation != null && !aggregation.isNull()
                && !RuleCoverage.missing(rbac.rulesFor(user, ns).rules(), FULL_AUTHORITY).isEmpty()) {
            throw forbidden(type, name, "must have cluster-admin privileges to use the aggregationRule");
        }
        confirmNoEscalation(user, type, ns, name, PolicyRule.parseAll(role.path("rules")));
    }

    private void checkBinding(UserInfo user, ResourceType type, String ns, String name, JsonNode roleRef) {
        String kind = roleRef.path("kind").asText("");
        String roleName = roleRef.path("name").asText("");
        String rolePlural = kind.equals("Role") ? "roles" : "clusterroles";
        if (allowed(Attributes.resource(user, "bind", RBAC, rolePlural, "", ns, roleName))) {
            return;
        }
        List<PolicyRule> rules = rbac.roleRules(kind, ns, roleName);
        if (rules == null) {
            ObjectNode details = Json.object().put("name", roleName).put("group", RBAC).put("kind", rolePlural);
            throw new ApiException(404, "NotFound", rolePlural + "." + RBAC + " \"" + roleName + "\" not found", details);
        }
        confirmNoEscalation(user, type, ns, name, rules);
    }

    private void confirmNoEscalation(UserInfo user, ResourceType type, String ns, String name, List<PolicyRule> granted) {
        RbacIndex.Rules owned = rbac.rulesFor(user, ns);
        List<PolicyRule> missing = RuleCoverage.missing(owned.rules(), granted);
        if (missing.isEmpty()) {
            return;
        }
        String message = "user \"" + user.name() + "\" (groups=" + RuleCoverage.goQuoted(user.groups())
                + ") is attempting to grant RBAC permissions not currently held:\n"
                + String.join("\n", RuleCoverage.describe(missing));
        if (!owned.errors().isEmpty()) {
            message += "; resolution errors: [" + String.join(" ", owned.errors()) + "]";
        }
        throw forbidden(type, name, message);
    }

    private boolean allowed(Attributes attributes) {
        return authorizer.authorize(attributes).allowed();
    }

    private static ApiException forbidden(ResourceType type, String name, String why) {
        ObjectNode details = Json.object().put("name", name).put("group", RBAC).put("kind", type.plural());
        return new ApiException(403, "Forbidden", type.qualifiedName() + " \"" + name + "\" is forbidden: " + why, details);
    }
}

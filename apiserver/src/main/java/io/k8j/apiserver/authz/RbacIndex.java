package io.k8j.apiserver.authz;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.apiserver.http.UserInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RBAC objects in memory, kept current by a {@link StoreFeed} of {@link #PREFIX}: roles by name, bindings by namespace. Reads
 * never touch storage, so authorizing a request costs a walk over the bindings that could apply to it.
 */
public final class RbacIndex {
    public static final String PREFIX = "/registry/rbac.authorization.k8s.io/";
    private final Map<String, List<PolicyRule>> clusterRoles = new ConcurrentHashMap<>();
    private final Map<String, List<PolicyRule>> roles = new ConcurrentHashMap<>();
    private final Map<String, Binding> clusterRoleBindings = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Binding>> roleBindings = new ConcurrentHashMap<>();

    /** The rules a user holds where {@code namespace} is ("" for the cluster scope), with missing roles noted. */
    public record Rules(List<PolicyRule> rules, List<String> errors) {
    }

    /** Records an object of {@code plural} (roles, clusterroles, rolebindings, clusterrolebindings); null deletes it. */
    public void put(String plural, String namespace, String name, JsonNode obj) {
        String ns = namespace == null ? "" : namespace;
        switch (plural) {
            case "clusterroles" -> update(clusterRoles, name, obj == null ? null : PolicyRule.parseAll(obj.path("rules")));
            case "roles" -> update(roles, ns + "/" + name, obj == null ? null : PolicyRule.parseAll(obj.path("rules")));
            case "clusterrolebindings" -> update(clusterRoleBindings, name, obj == null ? null : Binding.parse("", obj));
            case "rolebindings" -> update(roleBindings.computeIfAbsent(ns, k -> new ConcurrentHashMap<>()), name,
                    obj == null ? null : Binding.parse(ns, obj));
            default -> {
            }
        }
    }

    /** A {@link StoreFeed.Sink} of {@link #PREFIX}: keys are plural/name or plural/namespace/name. */
    public void put(List<String> key, JsonNode obj) {
        put(key.get(0), key.size() == 3 ? key.get(1) : "", key.get(key.size() - 1), obj);
    }

    private static <V> void update(Map<String, V> map, String key, V value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    /** kube's VisitRulesFor: cluster role bindings everywhere, then the role bindings of {@code namespace}. */
    public Rules rulesFor(UserInfo user, String namespace) {
        List<PolicyRule> rules = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Binding b : clusterRoleBindings.values()) {
            if (b.appliesTo(user)) {
                collect(b, rules, errors);
            }
        }
        if (namespace != null && !namespace.isEmpty()) {
            for (Binding b : roleBindings.getOrDefault(namespace, Map.of()).values()) {
                if (b.appliesTo(user)) {
                    collect(b, rules, errors);
                }
            }
        }
        return new Rules(rules, errors);
    }

    /** The rules of the role a binding names, or null when it does not exist. */
    public List<PolicyRule> roleRules(String roleKind, String namespace, String name) {
        return roleKind.equals("ClusterRole") ? clusterRoles.get(name) : roles.get(namespace + "/" + name);
    }

    private void collect(Binding b, List<PolicyRule> rules, List<String> errors) {
        List<PolicyRule> found = roleRules(b.roleKind(), b.namespace(), b.roleName());
        if (found == null) {
            errors.add(b.roleKind().equals("ClusterRole")
                    ? "clusterrole.rbac.authorization.k8s.io \"" + b.roleName() + "\" not found"
                    : "role.rbac.authorization.k8s.io \"" + b.roleName() + "\" not found");
        } else {
            rules.addAll(found);
        }
    }
}

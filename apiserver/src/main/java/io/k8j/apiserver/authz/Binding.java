package io.k8j.apiserver.authz;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.apiserver.http.UserInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * A RoleBinding (namespace set) or ClusterRoleBinding (namespace empty): the role it grants and to whom.
 *
 * @param roleKind "Role" or "ClusterRole"
 */
public record Binding(String namespace, String name, String roleKind, String roleName, List<Subject> subjects) {

    /** One subject: User, Group or ServiceAccount (whose namespace defaults to the binding's). */
    public record Subject(String kind, String name, String namespace) {
        boolean appliesTo(UserInfo user, String bindingNamespace) {
            return switch (kind) {
                case "User" -> user.name().equals(name);
                case "Group" -> user.groups().contains(name);
                case "ServiceAccount" -> {
                    String ns = namespace.isEmpty() ? bindingNamespace : namespace;
                    yield !ns.isEmpty() && user.name().equals("system:serviceaccount:" + ns + ":" + name);
                }
                default -> false;
            };
        }
    }

    public static Binding parse(String namespace, JsonNode obj) {
        List<Subject> subjects = new ArrayList<>();
        obj.path("subjects").forEach(s -> subjects.add(new Subject(s.path("kind").asText(""),
                s.path("name").asText(""), s.path("namespace").asText(""))));
        JsonNode ref = obj.path("roleRef");
        return new Binding(namespace, obj.path("metadata").path("name").asText(), ref.path("kind").asText(""),
                ref.path("name").asText(""), List.copyOf(subjects));
    }

    public boolean appliesTo(UserInfo user) {
        for (Subject s : subjects) {
            if (s.appliesTo(user, namespace)) {
                return true;
            }
        }
        return false;
    }
}

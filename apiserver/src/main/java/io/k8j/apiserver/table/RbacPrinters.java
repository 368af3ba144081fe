package io.k8j.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import static io.k8j.apiserver.table.Fields.text;

/** Roles, ClusterRoles and their bindings, as kube's rbac printers show them. */
final class RbacPrinters {
    private RbacPrinters() {
    }

    /** Roles and ClusterRoles: name and creation time. */
    static RowPrinter roles() {
        return ConfigPrinters.limitRanges();
    }

    /** RoleBindings and ClusterRoleBindings: the role, then (wide) users, groups and service accounts. */
    static RowPrinter bindings() {
        return RowPrinter.of(List.of(Column.NAME, Column.string("Role", "Role referenced by this binding."), Column.AGE,
                Column.wide("Users", "Users in the binding."), Column.wide("Groups", "Groups in the binding."),
                Column.wide("ServiceAccounts", "ServiceAccounts in the binding.")), (b, now) -> List.of(
                text(b, "metadata", "name"), text(b, "roleRef", "kind") + "/" + text(b, "roleRef", "name"),
                Fields.age(b, now), subjects(b, "User"), subjects(b, "Group"), subjects(b, "ServiceAccount")));
    }

    private static String subjects(ObjectNode binding, String kind) {
        List<String> names = new ArrayList<>();
        for (JsonNode s : binding.path("subjects")) {
            if (kind.equals(s.path("kind").asText())) {
                String ns = s.path("namespace").asText("");
                names.add(kind.equals("ServiceAccount") ? ns + "/" + s.path("name").asText() : s.path("name").asText());
            }
        }
        return String.join(", ", names);
    }
}

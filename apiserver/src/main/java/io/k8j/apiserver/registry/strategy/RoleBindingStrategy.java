package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.ArrayList;
import java.util.List;

/**
 * rbac/v1 RoleBindings and ClusterRoleBindings (pkg/apis/rbac/validation): a roleRef to a Role or ClusterRole
 * (ClusterRole only for cluster bindings) that never changes, and subjects that are users, groups or service
 * accounts. Subjects' apiGroup is defaulted as rbac/v1's SetDefaults_Subject does.
 */
final class RoleBindingStrategy implements ResourceStrategy {
    static final String RBAC_GROUP = "rbac.authorization.k8s.io";
    private final boolean namespaced;

    RoleBindingStrategy(boolean namespaced) {
        this.namespaced = namespaced;
    }

    @Override
    public void prepareForCreate(ObjectNode binding, StrategyContext ctx) {
        for (JsonNode s : binding.path("subjects")) {
            if (s instanceof ObjectNode subject && Tree.text(subject, "apiGroup").isEmpty()) {
                String kind = Tree.text(subject, "kind");
                if (kind.equals("User") || kind.equals("Group")) {
                    subject.put("apiGroup", RBAC_GROUP);
                }
            }
        }
    }

    @Override
    public void prepareForUpdate(ObjectNode binding, ObjectNode old, StrategyContext ctx) {
        prepareForCreate(binding, ctx);
    }

    @Override
    public List<FieldError> validate(ObjectNode binding) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode ref = binding.path("roleRef");
        String group = Tree.text(ref, "apiGroup");
        if (!group.equals(RBAC_GROUP)) {
            errs.add(FieldError.notSupported("roleRef.apiGroup", group, List.of(RBAC_GROUP)));
        }
        List<String> kinds = namespaced ? List.of("Role", "ClusterRole") : List.of("ClusterRole");
        String kind = Tree.text(ref, "kind");
        if (!kinds.contains(kind)) {
            errs.add(FieldError.notSupported("roleRef.kind", kind, kinds));
        }
        if (Tree.text(ref, "name").isEmpty()) {
            errs.add(FieldError.required("roleRef.name", ""));
        }
        JsonNode subjects = binding.path("subjects");
        for (int i = 0; i < subjects.size(); i++) {
            validateSubject(errs, subjects.get(i), "subjects[" + i + "]");
        }
        return errs;
    }

    private void validateSubject(List<FieldError> errs, JsonNode subject, String path) {
        if (Tree.text(subject, "name").isEmpty()) {
            errs.add(FieldError.required(path + ".name", ""));
        }
        String kind = Tree.text(subject, "kind");
        String group = Tree.text(subject, "apiGroup");
        switch (kind) {
            case "ServiceAccount" -> {
                if (!group.isEmpty()) {
                    errs.add(FieldError.notSupported(path + ".apiGroup", group, List.of("")));
                }
                if (!namespaced && Tree.text(subject, "namespace").isEmpty()) {
                    errs.add(FieldError.required(path + ".namespace", ""));
                }
            }
            case "User", "Group" -> {
                if (!group.equals(RBAC_GROUP)) {
                    errs.add(FieldError.notSupported(path + ".apiGroup", group, List.of(RBAC_GROUP)));
                }
            }
            default -> errs.add(FieldError.notSupported(path + ".kind", kind, List.of("ServiceAccount", "User", "Group")));
        }
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode binding, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(binding));
        if (!Tree.same(binding.path("roleRef"), old.path("roleRef"))) {
            errs.add(FieldError.invalid("roleRef", goRoleRef(binding.path("roleRef")), "cannot change roleRef"));
        }
        return errs;
    }

    /** The value as kube's message prints the Go struct. */
    private static Object goRoleRef(JsonNode ref) {
        String text = "rbac.RoleRef{APIGroup:\"" + Tree.text(ref, "apiGroup") + "\", Kind:\"" + Tree.text(ref, "kind")
                + "\", Name:\"" + Tree.text(ref, "name") + "\"}";
        return new Object() {
            @Override
            public String toString() {
                return text;
            }
        };
    }
}

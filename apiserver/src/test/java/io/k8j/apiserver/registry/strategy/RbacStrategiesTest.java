package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.k8j.apiserver.registry.strategy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/** Roles, ClusterRoles and their bindings, validated as kube's pkg/apis/rbac/validation. */
class RbacStrategiesTest {
    private final Fixtures.Context ctx = Fixtures.Context.empty();

    @Test
    void rulesNeedVerbsAndEitherResourcesOrUrls() {
        ObjectNode role = yaml("""
                {metadata: {name: r}, rules: [{apiGroups: [""]}, {verbs: [get], nonResourceURLs: [/x], resources: [pods]},
                 {verbs: [get], resources: [pods], apiGroups: [""]}]}""");
        assertThat(describe(new RoleStrategy(false).validate(role))).containsExactly(
                "rules[0].verbs: Required value: verbs must contain at least one value",
                "rules[0].resources: Required value: resource rules must supply at least one resource",
                "rules[1].nonResourceURLs: Invalid value: []string{\"/x\"}: rules cannot apply to both regular resources"
                        + " and non-resource URLs");
        assertThat(describe(new RoleStrategy(true).validate(yaml("{metadata: {name: r}, rules: [{verbs: [get],"
                + " nonResourceURLs: [/x]}]}")))).containsExactly("rules[0].nonResourceURLs: Invalid value:"
                + " []string{\"/x\"}: namespaced rules cannot apply to non-resource URLs");
        assertThat(describe(new RoleStrategy(false).validate(yaml("{metadata: {name: r}, aggregationRule: {}}"))))
                .containsExactly("aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector"
                        + " required if aggregationRule is non-nil");
    }

    @Test
    void bindingsNameARoleAndKnownSubjects() {
        ObjectNode binding = yaml("""
                {metadata: {name: b}, roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r},
                 subjects: [{kind: User, name: bob}, {kind: ServiceAccount, name: sa}, {kind: Robot, name: x}]}""");
        RoleBindingStrategy clusterBindings = new RoleBindingStrategy(false);
        clusterBindings.prepareForCreate(binding, ctx);
        assertThat(binding.at("/subjects/0/apiGroup").asText()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(describe(clusterBindings.validate(binding))).containsExactly(
                "roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\"",
                "subjects[1].namespace: Required value",
                "subjects[2].kind: Unsupported value: \"Robot\": supported values: \"ServiceAccount\", \"User\", \"Group\"");

        RoleBindingStrategy roleBindings = new RoleBindingStrategy(true);
        ObjectNode ok = yaml("""
                {metadata: {name: b}, roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r},
                 subjects: [{kind: ServiceAccount, name: sa}]}""");
        assertThat(roleBindings.validate(ok)).isEmpty();
        ObjectNode changed = ok.deepCopy();
        changed.with("roleRef").put("name", "other");
        assertThat(describe(roleBindings.validateUpdate(changed, ok))).containsExactly("roleRef: Invalid value:"
                + " rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"Role\", Name:\"other\"}: cannot change roleRef");
    }

    private static List<String> describe(List<FieldError> errors) {
        return errors.stream().map(FieldError::describe).toList();
    }
}

package io.k8j.apiserver.authz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.api.ResourceCatalog;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.http.UserInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EscalationCheckTest {
    private static final UserInfo BOB = new UserInfo("bob", List.of("developers", "system:authenticated"));
    private static final ResourceCatalog CATALOG = ResourceCatalog.builtIn();
    private static final ResourceType ROLES = type("roles");
    private static final ResourceType CLUSTER_ROLES = type("clusterroles");
    private static final ResourceType ROLE_BINDINGS = type("rolebindings");

    private final RbacIndex index = RbacAuthorizerTest.index();
    private final EscalationCheck check = new EscalationCheck(new RbacAuthorizer(index), index);

    @Test
    void aRoleWithinWhatTheWriterHoldsIsAllowed() {
        assertThatCode(() -> check.check(BOB, ROLES, "sec", yaml("""
                metadata: {name: r}
                rules: [{apiGroups: [""], resources: [configmaps], resourceNames: [allowed], verbs: [get]}]
                """))).doesNotThrowAnyException();
    }

    @Test
    void aRoleGrantingMoreIsKubesForbidden() {
        assertThatThrownBy(() -> check.check(BOB, ROLES, "sec", yaml("""
                metadata: {name: r}
                rules:
                - {apiGroups: [""], resources: [secrets, configmaps], verbs: [get, list]}
                - {apiGroups: [""], resources: [configmaps], resourceNames: [allowed], verbs: [get]}
                """))).isInstanceOf(ApiException.class).hasMessage("""
                roles.rbac.authorization.k8s.io "r" is forbidden: user "bob" (groups=["developers" \
                "system:authenticated"]) is attempting to grant RBAC permissions not currently held:
                {APIGroups:[""], Resources:["configmaps"], Verbs:["get" "list"]}
                {APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}""")
                .extracting(e -> ((ApiException) e).code()).isEqualTo(403);
    }

    @Test
    void theAggregationRuleNeedsFullAuthority() {
        assertThatThrownBy(() -> check.check(BOB, CLUSTER_ROLES, "", yaml("""
                metadata: {name: everything}
                aggregationRule: {clusterRoleSelectors: [{matchLabels: {x: y}}]}
                """))).hasMessage("clusterroles.rbac.authorization.k8s.io \"everything\" is forbidden: must have"
                + " cluster-admin privileges to use the aggregationRule");
    }

    @Test
    void bindingsNeedTheRolesRulesOrBind() {
        assertThatCode(() -> check.check(BOB, ROLE_BINDINGS, "sec", binding("Role", "cm-reader")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> check.check(BOB, ROLE_BINDINGS, "sec", binding("ClusterRole", "cluster-admin")))
                .hasMessageStartingWith("rolebindings.rbac.authorization.k8s.io \"b\" is forbidden: user \"bob\"")
                .hasMessageContaining("{APIGroups:[\"*\"], Resources:[\"*\"], Verbs:[\"*\"]}");
        assertThatThrownBy(() -> check.check(BOB, ROLE_BINDINGS, "sec", binding("ClusterRole", "gone")))
                .hasMessage("clusterroles.rbac.authorization.k8s.io \"gone\" not found");

        index.put("clusterroles", "", "binder", yaml("""
                rules: [{apiGroups: [rbac.authorization.k8s.io], resources: [clusterroles], verbs: [bind],
                         resourceNames: [cluster-admin]}]
                """));
        index.put("rolebindings", "sec", "bob-binds", yaml("""
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: binder}
                subjects: [{kind: User, name: bob}]
                """));
        assertThatCode(() -> check.check(BOB, ROLE_BINDINGS, "sec", binding("ClusterRole", "cluster-admin")))
                .doesNotThrowAnyException();
    }

    @Test
    void escalateVerbAndMastersSkipTheCheck() {
        ObjectNode greedy = yaml("""
                metadata: {name: greedy}
                rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
                """);
        assertThatCode(() -> check.check(new UserInfo("root", List.of("system:masters")), CLUSTER_ROLES, "", greedy))
                .doesNotThrowAnyException();
        index.put("clusterroles", "", "escalator", yaml("""
                rules: [{apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [escalate]}]
                """));
        index.put("rolebindings", "sec", "bob-escalates", yaml("""
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: escalator}
                subjects: [{kind: User, name: bob}]
                """));
        assertThatCode(() -> check.check(BOB, ROLES, "sec", greedy)).doesNotThrowAnyException();
    }

    private static ObjectNode binding(String kind, String role) {
        return yaml("""
                metadata: {name: b}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: %s, name: %s}
                subjects: [{kind: User, name: eve}]
                """.formatted(kind, role));
    }

    private static ResourceType type(String plural) {
        return CATALOG.find("rbac.authorization.k8s.io", "v1", plural).orElseThrow();
    }

    private static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) Json.YAML.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

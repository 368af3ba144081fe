package io.k8j.apiserver.authz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import io.k8j.apiserver.http.UserInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RbacAuthorizerTest {
    private static final UserInfo BOB = new UserInfo("bob", List.of("developers", "system:authenticated"));
    private static final UserInfo SA = new UserInfo("system:serviceaccount:sec:reader",
            List.of("system:serviceaccounts", "system:serviceaccounts:sec", "system:authenticated"));
    private static final UserInfo ANON = UserInfo.ANONYMOUS;

    record Case(String name, Attributes request, boolean allowed) {
        @Override
        public String toString() {
            return name;
        }
    }

    static RbacIndex index() {
        RbacIndex index = new RbacIndex();
        BootstrapPolicy.objects().forEach(o -> index.put(
                o.path("kind").asText().equals("ClusterRole") ? "clusterroles" : "clusterrolebindings", "",
                o.path("metadata").path("name").asText(), o));
        index.put("roles", "sec", "cm-reader", yaml("""
                rules:
                - {apiGroups: [""], resources: [configmaps], verbs: [get], resourceNames: [allowed]}
                - {apiGroups: [""], resources: [pods/log], verbs: [get]}
                - {apiGroups: [apps], resources: ["*"], verbs: [list]}
                - {apiGroups: [""], resources: ["*/status"], verbs: [update]}
                """));
        index.put("rolebindings", "sec", "bob-reads", yaml("""
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cm-reader}
                subjects: [{kind: User, apiGroup: rbac.authorization.k8s.io, name: bob}]
                """));
        index.put("rolebindings", "sec", "sa-deletes", yaml("""
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: deleter}
                subjects: [{kind: ServiceAccount, name: reader}]
                """));
        index.put("clusterroles", "", "deleter", yaml("""
                rules: [{apiGroups: [""], resources: [secrets], verbs: [delete]}]
                """));
        index.put("clusterrolebindings", "", "developers-metrics", yaml("""
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: metrics}
                subjects: [{kind: Group, apiGroup: rbac.authorization.k8s.io, name: developers}]
                """));
        index.put("clusterroles", "", "metrics", yaml("""
                rules: [{nonResourceURLs: ["/metrics", "/logs/*"], verbs: [get]}]
                """));
        return index;
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("anonymous may read /healthz", Attributes.nonResource(ANON, "get", "/healthz"), true),
                new Case("anonymous may not read /api", Attributes.nonResource(ANON, "get", "/api"), false),
                new Case("anonymous may not list pods", res(ANON, "list", "", "pods", "", "default", ""), false),
                new Case("authenticated may discover", Attributes.nonResource(BOB, "get", "/apis/apps"), true),
                new Case("authenticated may create a SelfSubjectAccessReview",
                        res(BOB, "create", "authorization.k8s.io", "selfsubjectaccessreviews", "", "", ""), true),
                new Case("a named resource: allowed name", res(BOB, "get", "", "configmaps", "", "sec", "allowed"), true),
                new Case("a named resource: other name", res(BOB, "get", "", "configmaps", "", "sec", "other"), false),
                new Case("a named resource: list is not a name", res(BOB, "list", "", "configmaps", "", "sec", ""), false),
                new Case("role binding applies only in its namespace",
                        res(BOB, "get", "", "configmaps", "", "other", "allowed"), false),
                new Case("subresource pods/log", res(BOB, "get", "", "pods", "log", "sec", "p"), true),
                new Case("pods/log does not grant pods", res(BOB, "get", "", "pods", "", "sec", "p"), false),
                new Case("resource wildcard within a group", res(BOB, "list", "apps", "deployments", "", "sec", ""), true),
                new Case("resource wildcard is per group", res(BOB, "list", "batch", "jobs", "", "sec", ""), false),
                new Case("*/status matches any status", res(BOB, "update", "", "pods", "status", "sec", "p"), true),
                new Case("*/status does not match the resource", res(BOB, "update", "", "pods", "", "sec", "p"), false),
                new Case("group subject with a non-resource URL", Attributes.nonResource(BOB, "get", "/metrics"), true),
                new Case("non-resource URL prefix", Attributes.nonResource(BOB, "get", "/logs/kubelet.log"), true),
                new Case("non-resource URL verb", Attributes.nonResource(BOB, "post", "/metrics"), false),
                new Case("service account subject defaults to the binding's namespace",
                        res(SA, "delete", "", "secrets", "", "sec", "s"), true),
                new Case("service account in another namespace", res(SA, "delete", "", "secrets", "", "x", "s"), false),
                new Case("a user named like the service account's group does not match",
                        res(new UserInfo("system:serviceaccounts:sec", List.of()), "delete", "", "secrets", "", "sec", "s"),
                        false),
                new Case("scheduler binds pods", res(new UserInfo("system:kube-scheduler", List.of()), "create", "", "pods",
                        "binding", "default", "p"), true),
                new Case("scheduler reads no secrets", res(new UserInfo("system:kube-scheduler", List.of()), "get", "",
                        "secrets", "", "default", "s"), false),
                new Case("masters hold cluster-admin", res(new UserInfo("admin", List.of("system:masters")), "delete",
                        "", "namespaces", "", "sec", "sec"), true));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void authorizes(Case c) {
        assertEquals(c.allowed(), new RbacAuthorizer(index()).authorize(c.request()).allowed());
    }

    @org.junit.jupiter.api.Test
    void aBindingToAMissingRoleIsTheReason() {
        RbacIndex index = new RbacIndex();
        index.put("rolebindings", "sec", "b", yaml("""
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: gone}
                subjects: [{kind: User, name: bob}]
                """));
        assertEquals("RBAC: [clusterrole.rbac.authorization.k8s.io \"gone\" not found]",
                new RbacAuthorizer(index).authorize(res(BOB, "get", "", "pods", "", "sec", "p")).reason());
    }

    private static Attributes res(UserInfo user, String verb, String group, String resource, String sub, String ns,
                                  String name) {
        return Attributes.resource(user, verb, group, resource, sub, ns, name);
    }

    private static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) Json.YAML.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

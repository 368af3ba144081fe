package io.k8j.apiserver.authz;

import io.k8j.apiserver.http.UserInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ForbiddenTest {
    private static final UserInfo BOB = new UserInfo("bob", List.of());

    @Test
    void namespacedResourceWithName() {
        var e = Forbidden.of(Attributes.resource(BOB, "delete", "", "configmaps", "", "sec", "x"), "");
        assertEquals("configmaps \"x\" is forbidden: User \"bob\" cannot delete resource \"configmaps\" in API group \"\""
                + " in the namespace \"sec\"", e.getMessage());
        assertEquals("{\"name\":\"x\",\"kind\":\"configmaps\"}", e.status().get("details").toString());
        assertEquals(403, e.code());
    }

    @Test
    void clusterScopedCollectionInAGroup() {
        var e = Forbidden.of(Attributes.resource(BOB, "list", "rbac.authorization.k8s.io", "clusterroles", "", "", ""), "");
        assertEquals("clusterroles.rbac.authorization.k8s.io is forbidden: User \"bob\" cannot list resource"
                + " \"clusterroles\" in API group \"rbac.authorization.k8s.io\" at the cluster scope", e.getMessage());
    }

    @Test
    void subresourceAndReason() {
        var e = Forbidden.of(Attributes.resource(BOB, "get", "", "pods", "log", "sec", "p"), "RBAC: [x]");
        assertEquals("pods \"p\" is forbidden: User \"bob\" cannot get resource \"pods/log\" in API group \"\" in the"
                + " namespace \"sec\": RBAC: [x]", e.getMessage());
    }

    @Test
    void nonResourcePath() {
        var e = Forbidden.of(Attributes.nonResource(BOB, "get", "/metrics"), "");
        assertEquals("forbidden: User \"bob\" cannot get path \"/metrics\"", e.getMessage());
        assertEquals("{}", e.status().get("details").toString());
    }
}

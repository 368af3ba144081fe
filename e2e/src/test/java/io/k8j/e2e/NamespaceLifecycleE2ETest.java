package io.k8j.e2e;

import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Deleting a namespace empties it and then removes it; system namespaces cannot be deleted. */
class NamespaceLifecycleE2ETest {
    private static K8jServer server;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() {
        server = K8jServer.start();
        kubectl = new Kubectl(Kubectl.V133, server.kubeconfig());
    }

    @AfterAll
    static void stop() {
        kubectl.close();
        server.close();
    }

    @Test
    void deletingANamespaceRemovesItsContentAndThenItself() {
        kubectl.ok("create", "namespace", "doomed");
        kubectl.ok("-n", "doomed", "create", "configmap", "settings", "--from-literal=a=1");
        kubectl.ok("-n", "doomed", "create", "deployment", "web", "--image=busybox");

        assertThat(kubectl.ok("delete", "namespace", "doomed", "--timeout=60s")).contains("namespace \"doomed\" deleted");

        Kubectl.Result gone = kubectl.run("get", "namespace", "doomed");
        assertThat(gone.code()).isNotZero();
        assertThat(gone.err()).contains("namespaces \"doomed\" not found");
        assertThat(kubectl.ok("get", "configmaps,deployments", "-A", "-o", "name")).doesNotContain("settings", "web");
    }

    @Test
    void systemNamespacesCannotBeDeleted() {
        Kubectl.Result refused = kubectl.run("delete", "namespace", "kube-system");
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("namespaces \"kube-system\" is forbidden: this namespace may not be deleted");
        assertThat(kubectl.ok("get", "namespace", "kube-system", "-o", "jsonpath={.status.phase}")).isEqualTo("Active");
    }
}

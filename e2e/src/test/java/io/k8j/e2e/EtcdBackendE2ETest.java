package io.k8j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k8j.e2e.support.ApiClient;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.Namespaces;
import io.k8j.storage.etcd.EtcdExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core kubectl flow against a server whose datastore is a real etcd ({@code --datastore-endpoint}):
 * apply twice, get, patch, watch, delete. Skipped when etcd is not installed, except on CI.
 */
class EtcdBackendE2ETest {
    @RegisterExtension
    static final EtcdExtension ETCD = new EtcdExtension();
    private static K8jServer server;
    private static Kubectl kubectl;
    private static ApiClient api;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        server = K8jServer.start(null, List.of(K8jServer.CONTROL_PLANE_ONLY, "--datastore-endpoint", ETCD.url()));
        kubectl = new Kubectl(Kubectl.V133, server.kubeconfig());
        api = ApiClient.fromKubeconfig(server.kubeconfig());
    }

    @AfterAll
    static void stop() {
        if (kubectl != null) {
            kubectl.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void applyGetPatchWatchDelete() throws Exception {
        String ns = Namespaces.create(api, "etcd");
        String manifest = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: cfg
                  labels: {app: demo}
                data:
                  k: "%s"
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: demo
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: demo}
                  template:
                    metadata:
                      labels: {app: demo}
                    spec:
                      containers:
                      - name: app
                        image: nginx:1.25
                """;
        Path v1 = Files.writeString(tmp.resolve("v1.yaml"), manifest.formatted("one"));
        assertThat(kubectl.ok("apply", "-n", ns, "-f", v1.toString()))
                .contains("configmap/cfg created", "deployment.apps/demo created");
        assertThat(kubectl.ok("apply", "-n", ns, "-f", v1.toString()))
                .contains("configmap/cfg unchanged", "deployment.apps/demo unchanged");
        Path v2 = Files.writeString(tmp.resolve("v2.yaml"), manifest.formatted("two"));
        assertThat(kubectl.ok("apply", "-n", ns, "-f", v2.toString()))
                .contains("configmap/cfg configured", "deployment.apps/demo unchanged");

        assertThat(kubectl.ok("get", "-n", ns, "configmap", "cfg", "-o", "jsonpath={.data.k}")).isEqualTo("two");
        assertThat(kubectl.ok("get", "-n", ns, "deployments")).containsPattern("(?m)^demo\\s+\\d/1\\s+");

        try (Kubectl.Background watch = kubectl.background("get", "-n", ns, "configmaps", "-l", "app=demo", "-w",
                "--output-watch-events")) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(watch.output()).contains("cfg"));
            assertThat(kubectl.ok("patch", "-n", ns, "configmap", "cfg", "--type=merge", "-p", "{\"data\":{\"k\":\"three\"}}"))
                    .contains("configmap/cfg patched");
            assertThat(kubectl.ok("patch", "-n", ns, "deployment", "demo", "-p",
                    "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.27\"}]}}}}"))
                    .contains("deployment.apps/demo patched");
            assertThat(kubectl.ok("delete", "-n", ns, "configmap", "cfg")).contains("configmap \"cfg\" deleted");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(watch.output())
                    .containsPattern("(?m)^MODIFIED\\s+cfg\\s").containsPattern("(?m)^DELETED\\s+cfg\\s"));
        }
        assertThat(kubectl.ok("get", "-n", ns, "configmap", "cfg", "--ignore-not-found")).isEmpty();
        assertThat(kubectl.ok("get", "-n", ns, "deployment", "demo", "-o", "jsonpath={.spec.template.spec.containers[0].image}"))
                .isEqualTo("nginx:1.27");
        assertThat(kubectl.ok("delete", "-n", ns, "deployment", "demo", "--wait=true")).contains("deployment.apps \"demo\" deleted");
        assertThat(api.get("/apis/apps/v1/namespaces/" + ns + "/deployments/demo").code()).isEqualTo(404);
    }
}

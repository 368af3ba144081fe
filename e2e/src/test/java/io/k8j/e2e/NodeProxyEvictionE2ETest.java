package io.k8j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.Namespaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What discovery lists is served: a node's proxy reaches its kubelet (its health check, a container's log), and
 * kubectl drain, which evicts through pods/eviction once discovery lists it, empties a node with a real kubelet.
 */
class NodeProxyEvictionE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NODE = "drain-node";
    private static Path dataDir;
    private static K8jServer server;

    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("k8j-drain-e2e-");
        server = K8jServer.start(dataDir, List.of("--node-name", NODE, "--kubelet-port", "0", "--pod-loopback-block", "72"));
    }

    @AfterAll
    static void stop() {
        server.close();
        K8jServer.deleteTree(dataDir);
    }

    @ParameterizedTest
    @ValueSource(strings = {Kubectl.V127, Kubectl.V133})
    void theNodeProxyReachesTheKubeletAndDrainEvicts(String binary) {
        try (Kubectl kubectl = new Kubectl(binary, server.kubeconfig())) {
            String ns = "drain-" + Namespaces.tag(binary);
            kubectl.ok("create", "namespace", ns);
            kubectl.okWithInput("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"worker"},
                     "spec":{"terminationGracePeriodSeconds":1,
                      "containers":[{"name":"c","image":"busybox","command":["sh","-c","echo hello; sleep 3600"]}]}}
                    """, "-n", ns, "create", "-f", "-");
            await().atMost(WAIT).until(() -> kubectl.run("-n", ns, "get", "pod", "worker", "-o", "jsonpath={.status.phase}")
                    .out().equals("Running"));

            assertThat(kubectl.ok("get", "--raw", "/api/v1/nodes/" + NODE + "/proxy/healthz")).isEqualTo("ok");
            await().atMost(WAIT).until(() -> kubectl.run("get", "--raw",
                    "/api/v1/nodes/" + NODE + "/proxy/containerLogs/" + ns + "/worker/c").out().equals("hello\n"));

            Kubectl.Result drained = kubectl.run("drain", NODE, "--force", "--ignore-daemonsets", "--timeout=60s", "-v=6");
            assertThat(drained.code()).as(drained.err()).isZero();
            assertThat(drained.out()).contains("node/" + NODE + " cordoned", "pod/worker evicted", "node/" + NODE + " drained");
            // kubectl 1.27 logs "POST URL 201 Created", 1.33 "verb="POST" url="URL" status="201 Created""
            assertThat(drained.err()).containsPattern("POST\"? (url=\")?https://\\S+/api/v1/namespaces/" + ns
                    + "/pods/worker/eviction\"? (status=\")?201");
            assertThat(kubectl.run("-n", ns, "get", "pod", "worker").err()).contains("not found");
            assertThat(kubectl.ok("get", "node", NODE, "-o", "jsonpath={.spec.unschedulable}")).isEqualTo("true");
            kubectl.ok("uncordon", NODE);
        }
    }
}

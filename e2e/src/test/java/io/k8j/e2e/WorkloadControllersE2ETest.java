package io.k8j.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.e2e.support.ApiClient;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.Namespaces;
import io.k8j.e2e.support.PodFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deployments, ReplicaSets and garbage collection with real kubectl 1.33. No kubelet runs: the test
 * plays it by marking pods Running and Ready through pods/status.
 */
class WorkloadControllersE2ETest {
    private static K8jServer server;
    private static Kubectl kubectl;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = K8jServer.start();
        kubectl = new Kubectl(Kubectl.V133, server.kubeconfig());
        api = ApiClient.fromKubeconfig(server.kubeconfig());
    }

    @AfterAll
    static void stop() {
        kubectl.close();
        server.close();
    }

    @Test
    void createScaleSetImageHistoryAndUndo() {
        String ns = Namespaces.create(api, "rollout");
        kubectl.ok("-n", ns, "create", "deployment", "web", "--image=busybox", "--replicas=3");
        await().atMost(Duration.ofSeconds(30)).until(() -> names(ns, "replicasets").size() == 1 && pods(ns).size() == 3);
        rolloutCompletes(ns);

        kubectl.ok("-n", ns, "scale", "deployment/web", "--replicas=5");
        await().atMost(Duration.ofSeconds(30)).until(() -> pods(ns).size() == 5);
        rolloutCompletes(ns);

        kubectl.ok("-n", ns, "set", "image", "deployment/web", "busybox=busybox:1.36");
        rolloutCompletes(ns);
        assertThat(names(ns, "replicasets")).hasSize(2);
        assertThat(images(ns)).containsOnly("busybox:1.36").hasSize(5);
        String history = kubectl.ok("-n", ns, "rollout", "history", "deployment/web");
        assertThat(history).containsPattern("(?m)^1 ").containsPattern("(?m)^2 ");

        kubectl.ok("-n", ns, "rollout", "undo", "deployment/web");
        rolloutCompletes(ns);
        assertThat(kubectl.ok("-n", ns, "get", "deployment", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}"))
                .isEqualTo("busybox");
        assertThat(images(ns)).containsOnly("busybox").hasSize(5);
        assertThat(kubectl.ok("-n", ns, "rollout", "history", "deployment/web")).containsPattern("(?m)^2 ").containsPattern("(?m)^3 ");
        assertThat(kubectl.ok("-n", ns, "describe", "deployment", "web")).contains("ScalingReplicaSet");
    }

    @Test
    void deletingADeploymentRemovesItsReplicaSetsAndPods() {
        String ns = Namespaces.create(api, "cascade");
        kubectl.ok("-n", ns, "create", "deployment", "web", "--image=busybox", "--replicas=2");
        await().atMost(Duration.ofSeconds(30)).until(() -> pods(ns).size() == 2);

        kubectl.ok("-n", ns, "delete", "deployment", "web");

        await().atMost(Duration.ofSeconds(30)).until(() -> names(ns, "replicasets").isEmpty() && pods(ns).isEmpty());
    }

    @Test
    void orphanCascadeKeepsReplicaSetsAndPodsWithoutOwners() {
        String ns = Namespaces.create(api, "orphan");
        kubectl.ok("-n", ns, "create", "deployment", "web", "--image=busybox", "--replicas=2");
        await().atMost(Duration.ofSeconds(30)).until(() -> pods(ns).size() == 2);

        kubectl.ok("-n", ns, "delete", "deployment", "web", "--cascade=orphan");

        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/apis/apps/v1/namespaces/" + ns + "/deployments/web").code() == 404);
        JsonNode rs = api.get("/apis/apps/v1/namespaces/" + ns + "/replicasets").json().path("items");
        assertThat(rs).hasSize(1);
        assertThat(rs.get(0).path("metadata").has("ownerReferences")).isFalse();
        assertThat(pods(ns)).hasSize(2);
    }

    @Test
    void foregroundCascadeRemovesDependentsThenTheOwner() {
        String ns = Namespaces.create(api, "foreground");
        kubectl.ok("-n", ns, "create", "deployment", "web", "--image=busybox", "--replicas=2");
        await().atMost(Duration.ofSeconds(30)).until(() -> pods(ns).size() == 2);

        kubectl.ok("-n", ns, "delete", "deployment", "web", "--cascade=foreground", "--timeout=60s");

        assertThat(api.get("/apis/apps/v1/namespaces/" + ns + "/deployments/web").code()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).until(() -> names(ns, "replicasets").isEmpty() && pods(ns).isEmpty());
    }

    /** Runs {@code rollout status} while playing the kubelet: every new pod becomes Running and Ready. */
    private static void rolloutCompletes(String ns) {
        try (Kubectl.Background status = kubectl.background("-n", ns, "rollout", "status", "deployment/web", "--timeout=60s")) {
            Instant deadline = Instant.now().plusSeconds(70);
            int exit = -1;
            while (exit < 0 && Instant.now().isBefore(deadline)) {
                markReady(ns);
                exit = status.awaitExit(Duration.ofMillis(200));
            }
            assertThat(exit).as("rollout status: %s", status.output()).isZero();
            assertThat(status.output()).contains("successfully rolled out");
        }
    }

    private static void markReady(String ns) {
        for (JsonNode pod : pods(ns)) {
            if (!PodFixtures.isReady(pod)) {
                PodFixtures.markRunningAndReady(api, pod);
            }
        }
    }

    private static List<JsonNode> pods(String ns) {
        return PodFixtures.live(api, ns);
    }

    private static List<String> images(String ns) {
        return pods(ns).stream().map(p -> p.path("spec").path("containers").get(0).path("image").asText()).toList();
    }

    private static List<String> names(String ns, String resource) {
        List<String> out = new ArrayList<>();
        api.get("/apis/apps/v1/namespaces/" + ns + "/" + resource).json().path("items")
                .forEach(o -> out.add(o.path("metadata").path("name").asText()));
        return out;
    }
}

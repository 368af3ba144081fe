package io.k8j.e2e;

import io.k8j.e2e.support.ComponentProcess;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code k8j hollow-nodes --count 50} as its own process against a server without a kubelet: 50 nodes
 * register and are Ready, a Deployment of 200 pods becomes available on them, and scaling it down removes
 * the pods (the hollow kubelets finish their graceful deletion).
 */
class HollowNodesE2ETest {
    private static final int NODES = 50;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static K8jServer server;
    private static Kubectl kubectl;
    private static ComponentProcess hollow;

    @BeforeAll
    static void start() {
        server = K8jServer.start(null, List.of(K8jServer.CONTROL_PLANE_ONLY));
        kubectl = new Kubectl(Kubectl.V133, server.kubeconfig());
        hollow = ComponentProcess.start(List.of("hollow-nodes", "--kubeconfig", server.kubeconfig().toString(),
                "--count", Integer.toString(NODES)));
    }

    @AfterAll
    static void stop() {
        hollow.close();
        kubectl.close();
        server.close();
    }

    @Test
    void fiftyHollowNodesAreReadyAndRunADeploymentOf200Pods() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(readyNodes()).as(hollow.log()).isEqualTo(NODES));
        assertThat(kubectl.ok("get", "node", "hollow-7", "-o",
                "jsonpath={.status.allocatable.cpu} {.status.allocatable.pods} {.status.nodeInfo.containerRuntimeVersion}"))
                .isEqualTo("4 110 simulated://k8j");

        kubectl.ok("create", "namespace", "hollow");
        kubectl.ok("-n", "hollow", "create", "deployment", "web", "--image=busybox", "--replicas=200", "--", "sleep", "3600");
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> kubectl.ok("-n", "hollow", "get",
                "deployment", "web", "-o", "jsonpath={.status.availableReplicas}").equals("200"));
        List<String> pods = Arrays.asList(kubectl.ok("-n", "hollow", "get", "pods", "-o",
                "jsonpath={range .items[*]}{.spec.nodeName} {.status.phase} {.status.podIP}{\"\\n\"}{end}").split("\n"));
        assertThat(pods).hasSize(200).allMatch(p -> p.matches("hollow-\\d+ Running 10\\.42\\.\\d+\\.\\d+"));
        assertThat(pods.stream().map(p -> p.split(" ")[0]).distinct().count()).as("spread over the nodes").isGreaterThan(NODES / 2);
        // Simulated kubelets record no Events (thousands would flood the API server); the scheduler's are there.
        assertThat(kubectl.ok("-n", "hollow", "get", "events", "--field-selector", "reason=Scheduled", "-o", "name")).isNotEmpty();
        assertThat(kubectl.ok("-n", "hollow", "get", "events", "--field-selector", "source=kubelet", "-o", "name")).isEmpty();

        kubectl.ok("-n", "hollow", "scale", "deployment", "web", "--replicas=20");
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> kubectl.ok("-n", "hollow", "get", "pods",
                "-o", "name").lines().count() == 20);
    }

    private static long readyNodes() {
        return kubectl.ok("get", "nodes", "--no-headers").lines().filter(l -> l.matches("hollow-\\d+\\s+Ready\\s.*")).count();
    }
}

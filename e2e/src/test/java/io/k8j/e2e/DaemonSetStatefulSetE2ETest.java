package io.k8j.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.e2e.support.ApiClient;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.Namespaces;
import io.k8j.e2e.support.PodFixtures;
import io.k8j.e2e.support.SimulatedNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DaemonSets and StatefulSets with real kubectl 1.33 against a control plane and simulated nodes. No kubelet
 * runs: the test plays one for every node, marking scheduled pods Running and Ready and finishing the
 * deletion of terminating pods. The tests share the cluster and run in order; the first adds a node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DaemonSetStatefulSetE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static K8jServer server;
    private static Kubectl kubectl;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = K8jServer.start();
        kubectl = new Kubectl(Kubectl.V133, server.kubeconfig());
        api = ApiClient.fromKubeconfig(server.kubeconfig());
        for (String node : List.of("node-a", "node-b", "node-c")) {
            SimulatedNodes.add(kubectl, node, "4");
        }
        kubectl.ok("taint", "nodes", "node-c", "dedicated=infra:NoSchedule");
    }

    @AfterAll
    static void stop() {
        kubectl.close();
        server.close();
    }

    @Test
    @Order(1)
    void aDaemonSetRunsOnEveryEligibleNodeAndRollsOut() {
        String ns = Namespaces.create(api, "ds");
        kubectl.okWithInput("""
                {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent"},
                 "spec":{"selector":{"matchLabels":{"app":"agent"}},
                  "template":{"metadata":{"labels":{"app":"agent"}},
                   "spec":{"containers":[{"name":"agent","image":"busybox"}]}}}}""", "-n", ns, "apply", "-f", "-");

        awaitPlayingKubelet(ns, () -> podsByNode(ns).keySet().equals(new TreeSet<>(List.of("node-a", "node-b"))));
        JsonNode pod = pods(ns).get(0);
        assertThat(pod.at("/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/0/matchFields/0/key").asText())
                .isEqualTo("metadata.name");
        assertThat(pod.at("/spec/tolerations").toString()).contains("node.kubernetes.io/unreachable", "node.kubernetes.io/not-ready");
        rolloutCompletes(ns, "ds/agent");

        SimulatedNodes.add(kubectl, "node-d", "4");
        awaitPlayingKubelet(ns, () -> podsByNode(ns).containsKey("node-d"));
        rolloutCompletes(ns, "ds/agent");
        assertThat(kubectl.ok("-n", ns, "get", "ds", "agent", "-o", "jsonpath={.status.desiredNumberScheduled} {.status.numberReady}"))
                .isEqualTo("3 3");

        kubectl.ok("-n", ns, "set", "image", "ds/agent", "agent=busybox:1.36");
        rolloutCompletes(ns, "ds/agent");
        assertThat(pods(ns)).hasSize(3).allSatisfy(p -> assertThat(p.at("/spec/containers/0/image").asText()).isEqualTo("busybox:1.36"));
        assertThat(kubectl.ok("-n", ns, "rollout", "history", "ds/agent")).containsPattern("(?m)^1 ").containsPattern("(?m)^2 ");
        assertThat(kubectl.ok("-n", ns, "get", "controllerrevisions")).containsPattern("(?m)^NAME\\s+CONTROLLER\\s+REVISION\\s+AGE$")
                .containsPattern("agent-\\w+\\s+daemonset.apps/agent\\s+2\\s");
    }

    @Test
    @Order(2)
    void aStatefulSetCreatesPodsInOrderWithClaimsAndScalesDownInReverse() {
        String ns = Namespaces.create(api, "sts");
        kubectl.okWithInput("""
                {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web"},
                 "spec":{"serviceName":"web","replicas":3,"selector":{"matchLabels":{"app":"web"}},
                  "template":{"metadata":{"labels":{"app":"web"}},
                   "spec":{"containers":[{"name":"web","image":"nginx",
                    "volumeMounts":[{"name":"data","mountPath":"/usr/share/nginx/html"}]}]}},
                  "volumeClaimTemplates":[{"metadata":{"name":"data"},
                   "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}]}}""",
                "-n", ns, "apply", "-f", "-");

        // OrderedReady: each ordinal waits for the one before it to be Running and Ready.
        for (String next : List.of("web-0", "web-1", "web-2")) {
            awaitWithoutKubelet(ns, () -> names(ns).contains(next));
            sleep(1000);
            assertThat(names(ns).getLast()).isEqualTo(next);
            assertThat(kubectl.ok("-n", ns, "get", "pvc", "data-" + next, "-o", "name").strip()).isEqualTo("persistentvolumeclaim/data-" + next);
            awaitPlayingKubelet(ns, () -> podReady(ns, next));
        }
        rolloutCompletes(ns, "sts/web");
        assertThat(names(ns)).containsExactly("web-0", "web-1", "web-2");
        assertThat(kubectl.ok("-n", ns, "get", "pvc", "-o", "name")).contains("persistentvolumeclaim/data-web-0",
                "persistentvolumeclaim/data-web-1", "persistentvolumeclaim/data-web-2");
        JsonNode web1 = pod(ns, "web-1");
        assertThat(web1.at("/spec/hostname").asText()).isEqualTo("web-1");
        assertThat(web1.at("/spec/subdomain").asText()).isEqualTo("web");
        assertThat(web1.at("/metadata/labels/apps.kubernetes.io~1pod-index").asText()).isEqualTo("1");

        kubectl.ok("-n", ns, "scale", "sts", "web", "--replicas=1");
        // Scale-down goes from the highest ordinal, one pod at a time: web-1 stays until web-2 is gone.
        awaitWithoutKubelet(ns, () -> terminating(ns, "web-2"));
        sleep(1000);
        assertThat(terminating(ns, "web-1")).isFalse();
        playKubelet(ns);
        awaitWithoutKubelet(ns, () -> terminating(ns, "web-1"));
        awaitPlayingKubelet(ns, () -> names(ns).equals(List.of("web-0")));
        assertThat(kubectl.ok("-n", ns, "get", "pvc", "-o", "name")).contains("data-web-2");

        kubectl.ok("-n", ns, "set", "image", "sts/web", "web=nginx:1.27");
        rolloutCompletes(ns, "sts/web");
        assertThat(pod(ns, "web-0").at("/spec/containers/0/image").asText())
                .isEqualTo("nginx:1.27");
        assertThat(kubectl.ok("-n", ns, "rollout", "history", "sts/web")).containsPattern("(?m)^2 ");
    }

    /** Runs {@code rollout status} while playing the kubelet until it exits. */
    private static void rolloutCompletes(String ns, String workload) {
        try (Kubectl.Background status = kubectl.background("-n", ns, "rollout", "status", workload, "--timeout=40s")) {
            Instant deadline = Instant.now().plusSeconds(45);
            int exit = -1;
            while (exit < 0 && Instant.now().isBefore(deadline)) {
                playKubelet(ns);
                exit = status.awaitExit(Duration.ofMillis(200));
            }
            assertThat(exit).as("rollout status %s: %s", workload, status.output()).isZero();
            assertThat(status.output()).containsAnyOf("successfully rolled out", "roll out complete", "rolling update complete");
        }
    }

    private static void awaitPlayingKubelet(String ns, BooleanSupplier done) {
        await(ns, true, done);
    }

    private static void awaitWithoutKubelet(String ns, BooleanSupplier done) {
        await(ns, false, done);
    }

    /** Waits until {@code done}, playing the kubelet meanwhile or not; fails after {@link #WAIT}. */
    private static void await(String ns, boolean playing, BooleanSupplier done) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting in %s; pods %s", ns, names(ns)).isBefore(deadline);
            if (playing) {
                playKubelet(ns);
            }
            sleep(200);
        }
    }

    /** What a kubelet would do: scheduled pods run and turn Ready; terminating ones finish deleting. */
    private static void playKubelet(String ns) {
        for (JsonNode pod : api.get("/api/v1/namespaces/" + ns + "/pods").json().path("items")) {
            if (pod.path("metadata").has("deletionTimestamp")) {
                api.delete("/api/v1/namespaces/" + ns + "/pods/" + pod.at("/metadata/name").asText() + "?gracePeriodSeconds=0");
            } else if (!pod.at("/spec/nodeName").asText().isEmpty() && !pod.at("/status/phase").asText().equals("Running")) {
                PodFixtures.markRunningAndReady(api, pod);
            }
        }
    }

    private static List<JsonNode> pods(String ns) {
        return PodFixtures.live(api, ns);
    }

    /** Live pods by the node they are scheduled to (unscheduled ones are left out). */
    private static TreeMap<String, List<String>> podsByNode(String ns) {
        TreeMap<String, List<String>> out = new TreeMap<>();
        for (JsonNode pod : pods(ns)) {
            String node = pod.at("/spec/nodeName").asText();
            if (!node.isEmpty()) {
                out.computeIfAbsent(node, n -> new ArrayList<>()).add(pod.at("/metadata/name").asText());
            }
        }
        return out;
    }

    /** Every pod's name, terminating ones included, sorted. */
    private static List<String> names(String ns) {
        List<String> out = new ArrayList<>();
        api.get("/api/v1/namespaces/" + ns + "/pods").json().path("items").forEach(p -> out.add(p.at("/metadata/name").asText()));
        return out.stream().sorted().toList();
    }

    private static JsonNode pod(String ns, String name) {
        return api.get("/api/v1/namespaces/" + ns + "/pods/" + name).json();
    }

    private static boolean podReady(String ns, String name) {
        for (JsonNode c : pod(ns, name).at("/status/conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                return c.path("status").asText().equals("True");
            }
        }
        return false;
    }

    private static boolean terminating(String ns, String name) {
        return pod(ns, name).at("/metadata").has("deletionTimestamp");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.k8j.e2e;

import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.SimulatedNodes;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The node lifecycle, endpoints, EndpointSlice and ServiceAccount controllers of one k8j server, driven by
 * kubectl 1.33. The server runs its own kubelet on the process runtime (for pods that really serve) and
 * short node timings: a 20 s grace period (its kubelet heartbeats every 10 s) and 2 s default tolerations of
 * unreachable nodes (the pods of this server's own node tolerate it for good, so that a slow heartbeat on a
 * loaded machine cannot take them away). Simulated nodes, whose Leases the test renews, stand in for nodes
 * that die.
 */
class NodeLifecycleEndpointsE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static K8jServer server;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() {
        server = K8jServer.start(null, List.of("--node-name", "lifecycle-node", "--kubelet-port", "0",
                "--pod-loopback-block", "79", "--node-monitor-grace-period", "20s", "--node-monitor-period", "1s",
                "--default-unreachable-toleration-seconds", "2", "--default-not-ready-toleration-seconds", "2"));
        kubectl = new Kubectl(Kubectl.V133, server.kubeconfig());
    }

    @AfterAll
    static void stop() {
        if (kubectl != null) {
            kubectl.close();
        }
        server.close();
    }

    @Test
    void aSilentNodeGoesUnknownIsTaintedAndLosesItsPodsToTheOthers() {
        for (String node : List.of("sim-1", "sim-2", "sim-3")) {
            SimulatedNodes.add(kubectl, node, "4");
            kubectl.ok("label", "node", node, "pool=sim");
        }
        kubectl.ok("create", "namespace", "evict");
        kubectl.okWithInput("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"evict"},
                 "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
                  "template":{"metadata":{"labels":{"app":"web"}},
                   "spec":{"nodeSelector":{"pool":"sim"},"containers":[{"name":"web","image":"busybox"}]}}}}
                """, "apply", "-f", "-");
        eventually(WAIT).until(() -> !livePods().isEmpty() && livePods().size() == 3
                && livePods().stream().noneMatch(p -> p.node.isEmpty()));
        assertThat(kubectl.ok("-n", "evict", "get", "pod", livePods().get(0).name, "-o",
                "jsonpath={.spec.tolerations[?(@.key==\"node.kubernetes.io/unreachable\")].tolerationSeconds}")).isEqualTo("2");
        String victim = livePods().get(0).node;

        SimulatedNodes.stopHeartbeat(kubectl, victim);
        eventually(WAIT).until(() -> readyStatus(victim).equals("Unknown"));
        assertThat(kubectl.ok("get", "node", victim)).containsPattern(victim + "\\s+NotReady");
        assertThat(kubectl.ok("get", "node", victim, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].reason}"))
                .isEqualTo("NodeStatusUnknown");
        eventually(WAIT).until(() -> kubectl.ok("get", "node", victim, "-o",
                "jsonpath={range .spec.taints[*]}{.key}:{.effect} {end}").trim()
                .equals("node.kubernetes.io/unreachable:NoSchedule node.kubernetes.io/unreachable:NoExecute"));
        eventually(WAIT).until(() -> livePods().size() == 3 && livePods().stream()
                .allMatch(p -> !p.node.isEmpty() && !p.node.equals(victim)));
        assertThat(kubectl.ok("-n", "evict", "get", "events", "--field-selector", "reason=TaintManagerEviction", "-o", "name"))
                .isNotEmpty();
        assertThat(readyStatus("sim-1".equals(victim) ? "sim-2" : "sim-1")).isEqualTo("True");
        assertThat(readyStatus("lifecycle-node")).isEqualTo("True");
    }

    @Test
    void endpointsAndSlicesListReadyPodsAndKeepNotReadyOnesApart() {
        kubectl.ok("create", "namespace", "svc");
        kubectl.okWithInput("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"httpd","namespace":"svc"},
                 "spec":{"replicas":2,"selector":{"matchLabels":{"app":"httpd"}},
                  "template":{"metadata":{"labels":{"app":"httpd"}},
                   "spec":{"nodeSelector":{"kubernetes.io/hostname":"lifecycle-node"},"terminationGracePeriodSeconds":1,
                    "tolerations":[{"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute"},
                                   {"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute"}],
                    "containers":[{"name":"httpd","image":"busybox",
                     "command":["busybox","sh","-c","touch ready && exec busybox httpd -f -p $POD_IP:8080"],
                     "ports":[{"name":"http","containerPort":8080}],
                     "readinessProbe":{"exec":{"command":["cat","ready"]},"periodSeconds":1,"failureThreshold":1}}]}}}}
                """, "apply", "-f", "-");
        kubectl.ok("-n", "svc", "create", "service", "clusterip", "httpd", "--tcp=80:http"); // selects app=httpd
        eventually(WAIT).until(() -> podIps("true").size() == 2);
        List<String> ips = podIps("true");
        eventually(WAIT).until(() -> readyAddresses().equals(ips.stream().sorted().toList()));
        assertThat(kubectl.ok("-n", "svc", "get", "endpoints", "httpd"))
                .contains(ips.get(0) + ":8080").contains(ips.get(1) + ":8080");

        String first = kubectl.ok("-n", "svc", "get", "pods", "-l", "app=httpd", "-o", "jsonpath={.items[0].metadata.name}");
        String firstIp = kubectl.ok("-n", "svc", "get", "pod", first, "-o", "jsonpath={.status.podIP}");
        kubectl.ok("-n", "svc", "exec", first, "--", "rm", "ready");
        eventually(WAIT).until(() -> kubectl.ok("-n", "svc", "get", "endpoints", "httpd", "-o",
                "jsonpath={.subsets[*].notReadyAddresses[*].ip}").equals(firstIp));
        assertThat(readyAddresses()).containsExactly(ips.stream().filter(ip -> !ip.equals(firstIp)).findFirst().orElseThrow());

        String slices = kubectl.ok("-n", "svc", "get", "endpointslices", "-l", "kubernetes.io/service-name=httpd");
        assertThat(slices).containsPattern("httpd-\\w{5}\\s+IPv4\\s+8080\\s+");
        assertThat(kubectl.ok("-n", "svc", "get", "endpointslices", "-l", "kubernetes.io/service-name=httpd", "-o",
                "jsonpath={range .items[*].endpoints[*]}{.addresses[0]}={.conditions.ready} {end}").trim().split(" "))
                .containsExactlyInAnyOrder(firstIp + "=false", ips.stream().filter(ip -> !ip.equals(firstIp)).findFirst().orElseThrow() + "=true");
        assertThat(kubectl.ok("-n", "svc", "get", "endpointslices", "-l", "kubernetes.io/service-name=httpd", "-o",
                "jsonpath={.items[0].metadata.labels.endpointslice\\.kubernetes\\.io/managed-by}"))
                .isEqualTo("endpointslice-controller.k8s.io");
        assertThat(kubectl.ok("get", "endpoints", "kubernetes")).contains("127.0.0.1:" + server.port());
        kubectl.ok("delete", "namespace", "svc", "--wait=false");
    }

    @Test
    void aNewNamespaceGetsItsDefaultServiceAccountAndPodsUseIt() {
        kubectl.ok("create", "namespace", "fresh");
        eventually(Duration.ofSeconds(10)).until(() -> kubectl.run("-n", "fresh", "get", "sa", "default").code() == 0);
        kubectl.ok("-n", "fresh", "delete", "sa", "default");
        eventually(Duration.ofSeconds(10)).until(() -> kubectl.run("-n", "fresh", "get", "sa", "default").code() == 0);
        kubectl.ok("-n", "fresh", "run", "p", "--image=busybox", "--restart=Never",
                "--overrides={\"spec\":{\"nodeSelector\":{\"none\":\"none\"}}}");
        assertThat(kubectl.ok("-n", "fresh", "get", "pod", "p", "-o", "jsonpath={.spec.serviceAccountName}")).isEqualTo("default");
    }

    /** Polls twice a second: each poll runs kubectl, and the machine is shared. */
    private static ConditionFactory eventually(Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(500));
    }

    private record LivePod(String name, String node) {
    }

    /** The Deployment's pods that are not being deleted, with their nodes. */
    private static List<LivePod> livePods() {
        String out = kubectl.ok("-n", "evict", "get", "pods", "-l", "app=web", "-o",
                "jsonpath={range .items[*]}{.metadata.name},{.spec.nodeName},{.metadata.deletionTimestamp}|{end}");
        return Arrays.stream(out.split("\\|")).filter(s -> !s.isEmpty()).map(s -> s.split(",", -1))
                .filter(f -> f[2].isEmpty()).map(f -> new LivePod(f[0], f[1])).toList();
    }

    private static String readyStatus(String node) {
        return kubectl.ok("get", "node", node, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}");
    }

    /** The IPs of the httpd pods whose Ready condition is {@code ready}. */
    private static List<String> podIps(String ready) {
        String out = kubectl.ok("-n", "svc", "get", "pods", "-l", "app=httpd", "-o",
                "jsonpath={range .items[*]}{.status.podIP}={.status.conditions[?(@.type==\"Ready\")].status} {end}");
        return Arrays.stream(out.trim().split(" ")).filter(s -> s.endsWith("=" + (ready.equals("true") ? "True" : "False")))
                .map(s -> s.substring(0, s.indexOf('='))).filter(ip -> !ip.isEmpty()).toList();
    }

    /** The Endpoints' ready IPs, sorted; none while the controller has not written them yet. */
    private static List<String> readyAddresses() {
        String out = kubectl.run("-n", "svc", "get", "endpoints", "httpd", "-o", "jsonpath={.subsets[*].addresses[*].ip}").out();
        return Arrays.stream(out.trim().split(" ")).filter(s -> !s.isEmpty()).sorted().toList();
    }
}

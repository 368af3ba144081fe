package io.k8j.e2e;

import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.SimulatedNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler that k8j server runs, driven by kubectl 1.33 against simulated nodes: Node objects
 * this test creates and whose status (allocatable, Ready) it writes, as a kubelet would. The tests
 * share one cluster and run in order; the last one adds a node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchedulerE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static K8jServer server;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() {
        server = K8jServer.start();
        kubectl = new Kubectl(Kubectl.V133, server.kubeconfig());
        for (String node : List.of("node-1", "node-2", "node-3")) {
            addNode(node, "4");
        }
    }

    @AfterAll
    static void stop() {
        kubectl.close();
        server.close();
    }

    static void addNode(String name, String cpu) {
        SimulatedNodes.add(kubectl, name, cpu);
    }

    @Test
    @Order(1)
    void runPodsAreBoundAndSpreadOverTheNodes() {
        kubectl.ok("create", "namespace", "spread");
        for (int i = 0; i < 6; i++) {
            kubectl.ok("-n", "spread", "run", "web-" + i, "--image=busybox", "--restart=Never");
        }
        await(() -> !nodesOf("spread").contains(""));
        assertThat(new TreeSet<>(nodesOf("spread"))).containsExactly("node-1", "node-2", "node-3");
        assertThat(kubectl.ok("-n", "spread", "describe", "pod", "web-0"))
                .containsPattern("Normal\\s+Scheduled\\s+.*default-scheduler\\s+Successfully assigned spread/web-0 to node-");
    }

    @Test
    @Order(2)
    void anUnsatisfiableNodeSelectorLeavesThePodPendingWithTheReason() {
        kubectl.ok("run", "picky", "--image=busybox", "--restart=Never", "--overrides={\"spec\":{\"nodeSelector\":{\"disk\":\"ssd\"}}}");
        await(() -> kubectl.ok("describe", "pod", "picky").contains("FailedScheduling"));
        String described = kubectl.ok("describe", "pod", "picky");
        assertThat(described).containsPattern("Status:\\s+Pending")
                .containsPattern("Warning\\s+FailedScheduling\\s+.*default-scheduler\\s+0/3 nodes are available: "
                        + "3 node\\(s\\) didn't match Pod's node affinity/selector\\. preemption: 0/3 nodes are available: "
                        + "3 Preemption is not helpful for scheduling\\.");
        assertThat(kubectl.ok("get", "pod", "picky", "-o", "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].reason}"))
                .isEqualTo("Unschedulable");
    }

    @Test
    @Order(3)
    void aControlPlaneTaintKeepsUserPodsOff() {
        kubectl.ok("taint", "nodes", "node-3", "node-role.kubernetes.io/control-plane:NoSchedule");
        kubectl.ok("create", "namespace", "tainted");
        for (int i = 0; i < 6; i++) {
            kubectl.ok("-n", "tainted", "run", "app-" + i, "--image=busybox", "--restart=Never");
        }
        await(() -> !nodesOf("tainted").contains(""));
        assertThat(new TreeSet<>(nodesOf("tainted"))).containsExactly("node-1", "node-2");
        kubectl.ok("taint", "nodes", "node-3", "node-role.kubernetes.io/control-plane:NoSchedule-");
    }

    @Test
    @Order(4)
    void aPodTooBigStaysPendingUntilAFittingNodeJoins() {
        kubectl.ok("run", "big", "--image=busybox", "--restart=Never", "--overrides={\"spec\":{\"containers\":[{\"name\":\"big\","
                + "\"image\":\"busybox\",\"resources\":{\"requests\":{\"cpu\":\"6\"}}}]}}");
        await(() -> kubectl.ok("describe", "pod", "big").contains("FailedScheduling"));
        assertThat(kubectl.ok("describe", "pod", "big"))
                .containsPattern("FailedScheduling\\s+.*0/3 nodes are available: 3 Insufficient cpu\\.");

        addNode("node-big", "8");
        await(() -> kubectl.ok("get", "pod", "big", "-o", "jsonpath={.spec.nodeName}").equals("node-big"));
        assertThat(kubectl.ok("describe", "pod", "big")).contains("Successfully assigned default/big to node-big");
    }

    private static List<String> nodesOf(String namespace) {
        String out = kubectl.ok("-n", namespace, "get", "pods", "-o", "jsonpath={range .items[*]}{.spec.nodeName}{\"|\"}{end}");
        return Arrays.asList(out.split("\\|", -1)).subList(0, out.split("\\|", -1).length - 1);
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

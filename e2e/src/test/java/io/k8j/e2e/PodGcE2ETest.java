package io.k8j.e2e;

import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.SharedServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kube's pod garbage collector in the controller manager of a control plane (no kubelet: the nodes are API
 * objects only): pods bound to a node that was deleted are marked Failed (DisruptionTarget DeletionByPodGC) and
 * force-deleted after the 40 s quarantine, terminating ones included; terminated pods beyond
 * --terminated-pod-gc-threshold (2 here) are deleted oldest first. The threshold test runs first: the orphans
 * are terminated pods for a moment.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PodGcE2ETest {
    @RegisterExtension
    static final SharedServer K8J = new SharedServer(() -> List.of(K8jServer.CONTROL_PLANE_ONLY,
            "--terminated-pod-gc-threshold", "2"));

    private static void createNode(Kubectl kubectl, String name) {
        kubectl.okWithInput("{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"" + name + "\"}}",
                "create", "-f", "-");
    }

    private static void createPod(Kubectl kubectl, String ns, String name, String node) {
        kubectl.okWithInput("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\""
                + ns + "\"},\"spec\":{\"nodeName\":\"" + node + "\",\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}",
                "create", "-f", "-");
    }

    @Test
    @Order(1)
    void terminatedPodsBeyondTheThresholdAreDeletedOldestFirst() throws InterruptedException {
        Kubectl kubectl = K8J.kubectl(Kubectl.V127);
        kubectl.ok("create", "namespace", "gc-done");
        createNode(kubectl, "gc-keep");
        for (String pod : List.of("p1", "p2", "p3", "p4")) {
            createPod(kubectl, "gc-done", pod, "gc-keep");
            Thread.sleep(1100); // creationTimestamps a second apart: the order is by age, not by name
        }
        for (String pod : List.of("p4", "p3", "p2", "p1")) {
            kubectl.ok("-n", "gc-done", "patch", "pod", pod, "--subresource=status", "--type=merge",
                    "-p", "{\"status\":{\"phase\":\"Succeeded\"}}");
        }
        // One sweep every 20 s.
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1)).until(() ->
                kubectl.ok("-n", "gc-done", "get", "pods", "-o", "name").lines().toList(), List.of("pod/p3", "pod/p4")::equals);
    }

    @Test
    @Order(2)
    void podsOfADeletedNodeAreMarkedFailedAndForceDeletedAfterTheQuarantine() {
        Kubectl kubectl = K8J.kubectl(Kubectl.V133);
        kubectl.ok("create", "namespace", "gc-orphans");
        createNode(kubectl, "gc-gone");
        createPod(kubectl, "gc-orphans", "running", "gc-gone");
        createPod(kubectl, "gc-orphans", "terminating", "gc-gone");
        kubectl.ok("-n", "gc-orphans", "delete", "pod", "terminating", "--wait=false");
        assertThat(kubectl.ok("-n", "gc-orphans", "get", "pod", "terminating")).contains("Terminating");
        try (Kubectl.Background watch = kubectl.background("-n", "gc-orphans", "get", "pods", "-w", "-o", "json")) {
            kubectl.ok("delete", "node", "gc-gone");
            long deleted = System.nanoTime();
            await().during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(25)).until(() ->
                    kubectl.ok("-n", "gc-orphans", "get", "pods", "-o", "name").lines().count() == 2);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    kubectl.ok("-n", "gc-orphans", "get", "pods", "-o", "name").isEmpty());
            assertThat(Duration.ofNanos(System.nanoTime() - deleted)).isGreaterThanOrEqualTo(Duration.ofSeconds(40));
            await().atMost(Duration.ofSeconds(10)).until(() -> watch.output().contains("DeletionByPodGC"));
            assertThat(watch.output()).contains("\"message\": \"PodGC: node no longer exists\"", "\"phase\": \"Failed\"");
        }
    }
}

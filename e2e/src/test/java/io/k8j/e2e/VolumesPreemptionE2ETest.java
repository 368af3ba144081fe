package io.k8j.e2e;

import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.SimulatedNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Storage and priority against a real server with its own kubelet on the process runtime: a claim of
 * the default local-path class waits for its first pod, then is provisioned and bound on the pod's node
 * and written by it; a downwardAPI volume holds the pod's labels; and on a small simulated node a
 * high-priority pod preempts a low-priority one.
 */
class VolumesPreemptionE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String NODE = "vol-node";
    private static Path dataDir;
    private static K8jServer server;

    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("k8j-volumes-e2e-");
        server = K8jServer.start(dataDir, List.of("--node-name", NODE, "--kubelet-port", "0", "--pod-loopback-block", "78"));
    }

    @AfterAll
    static void stop() {
        server.close();
        K8jServer.deleteTree(dataDir);
    }

    @Test
    void aDefaultClassClaimIsProvisionedForItsFirstPodWhichWritesIntoIt() throws IOException {
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            assertThat(kubectl.ok("get", "sc")).containsPattern(
                    "local-path \\(default\\)\\s+rancher.io/local-path\\s+Delete\\s+WaitForFirstConsumer\\s+false");
            kubectl.ok("create", "namespace", "vol");
            kubectl.okWithInput("""
                    {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data","namespace":"vol"},
                     "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}
                    """, "create", "-f", "-");
            assertThat(kubectl.ok("-n", "vol", "get", "pvc", "data", "-o", "jsonpath={.spec.storageClassName}")).isEqualTo("local-path");
            await().atMost(WAIT).until(() -> kubectl.ok("-n", "vol", "get", "events").contains("waiting for first consumer"));
            assertThat(phase(kubectl, "pvc", "data")).isEqualTo("Pending");

            kubectl.okWithInput("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"writer","namespace":"vol","labels":{"app":"writer","tier":"db"}},
                     "spec":{"nodeSelector":{"kubernetes.io/hostname":"%s"},"restartPolicy":"Never",
                      "containers":[{"name":"c","image":"busybox","command":["sh","-c","echo hello > data/out.txt; cat info/labels; echo; sleep 3600"],
                       "volumeMounts":[{"name":"data","mountPath":"/data"},{"name":"info","mountPath":"/info"}]}],
                      "volumes":[{"name":"data","persistentVolumeClaim":{"claimName":"data"}},
                       {"name":"info","downwardAPI":{"items":[{"path":"labels","fieldRef":{"fieldPath":"metadata.labels"}}]}}]}}
                    """.formatted(NODE), "create", "-f", "-");
            await().atMost(WAIT).until(() -> phase(kubectl, "pod", "writer").equals("Running"));
            await().atMost(WAIT).until(() -> phase(kubectl, "pvc", "data").equals("Bound"));
            String pv = kubectl.ok("-n", "vol", "get", "pvc", "data", "-o", "jsonpath={.spec.volumeName}");
            assertThat(kubectl.ok("-n", "vol", "get", "pvc", "data", "-o",
                    "jsonpath={.metadata.annotations.volume\\.kubernetes\\.io/selected-node}")).isEqualTo(NODE);
            assertThat(kubectl.ok("get", "pv", pv)).containsPattern(pv + "\\s+1Gi\\s+RWO\\s+Delete\\s+Bound\\s+vol/data\\s+local-path");
            Path dir = dataDir.resolve("storage").resolve(pv);
            await().atMost(WAIT).until(() -> Files.exists(dir.resolve("out.txt")));
            assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo("hello\n");
            await().atMost(WAIT).until(() -> kubectl.run("-n", "vol", "logs", "writer").out()
                    .equals("app=\"writer\"\ntier=\"db\"\n"));

            kubectl.ok("-n", "vol", "delete", "pod", "writer", "--grace-period=1");
            kubectl.ok("-n", "vol", "delete", "pvc", "data");
            await().atMost(WAIT).until(() -> kubectl.run("get", "pv", pv).err().contains("not found"));
            assertThat(dir).doesNotExist();
            kubectl.ok("delete", "namespace", "vol", "--wait=false");
        }
    }

    @Test
    void aHighPriorityPodPreemptsALowPriorityOneOnAFullNode() {
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            SimulatedNodes.add(kubectl, "tiny", "1");
            assertThat(kubectl.ok("get", "pc")).containsPattern("system-node-critical\\s+2000001000\\s+false");
            kubectl.ok("create", "priorityclass", "low", "--value=10");
            kubectl.ok("create", "priorityclass", "high", "--value=1000");
            kubectl.ok("create", "namespace", "prio");
            for (String name : List.of("low-1", "low-2")) {
                create(kubectl, name, "low");
            }
            await().atMost(WAIT).until(() -> kubectl.ok("-n", "prio", "get", "pods", "-o",
                    "jsonpath={.items[*].spec.nodeName}").equals("tiny tiny"));

            create(kubectl, "urgent", "high");
            assertThat(kubectl.ok("-n", "prio", "get", "pod", "urgent", "-o", "jsonpath={.spec.priority}")).isEqualTo("1000");
            await().atMost(WAIT).until(() -> !victim(kubectl).isEmpty());
            String victim = victim(kubectl);
            assertThat(kubectl.ok("-n", "prio", "get", "pod", victim, "-o",
                    "jsonpath={.status.conditions[?(@.type==\"DisruptionTarget\")].reason}")).isEqualTo("PreemptionByScheduler");
            assertThat(kubectl.ok("-n", "prio", "get", "pod", "urgent", "-o", "jsonpath={.status.nominatedNodeName}")).isEqualTo("tiny");
            // The simulated node has no kubelet to finish the graceful deletion; the test does it, as a kubelet would.
            kubectl.ok("-n", "prio", "delete", "pod", victim, "--grace-period=0", "--force");
            await().atMost(WAIT).until(() -> kubectl.ok("-n", "prio", "get", "pod", "urgent", "-o",
                    "jsonpath={.spec.nodeName}").equals("tiny"));
            assertThat(kubectl.ok("-n", "prio", "get", "events")).contains("Preempted by pod");
            kubectl.ok("delete", "namespace", "prio", "--wait=false");
        }
    }

    private static void create(Kubectl kubectl, String name, String priorityClass) {
        kubectl.okWithInput("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"prio"},
                 "spec":{"priorityClassName":"%s","nodeSelector":{"kubernetes.io/hostname":"tiny"},
                  "containers":[{"name":"c","image":"busybox","resources":{"requests":{"cpu":"500m"}}}]}}
                """.formatted(name, priorityClass), "create", "-f", "-");
    }

    /** The low-priority pod being deleted, or "". */
    private static String victim(Kubectl kubectl) {
        return kubectl.ok("-n", "prio", "get", "pods", "-o",
                "jsonpath={range .items[?(@.metadata.deletionTimestamp)]}{.metadata.name}{end}");
    }

    private static String phase(Kubectl kubectl, String kind, String name) {
        return kubectl.ok("-n", "vol", "get", kind, name, "-o", "jsonpath={.status.phase}");
    }
}

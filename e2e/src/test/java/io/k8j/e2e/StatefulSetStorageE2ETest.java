package io.k8j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The StatefulSet of every tutorial, its container mounting the claim of its volumeClaimTemplates, against a
 * server with its own kubelet on the process runtime: kubectl 1.27 and 1.33 create, apply and server-side apply
 * it; its pods write into their claims (local-path volumes), and what web-0 wrote is still there after web-0 is
 * deleted and the controller has made it again.
 */
class StatefulSetStorageE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NODE = "sts-node";
    private static final String MANIFEST = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, labels: {app: web}}
            spec:
              clusterIP: None
              selector: {app: web}
              ports: [{port: 80, name: web}]
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: web}
            spec:
              serviceName: web
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: busybox
                    command: [sh, -c, "[ -f data/first ] || echo $HOSTNAME > data/first; echo start >> data/starts; cat data/first; sleep 3600"]
                    volumeMounts:
                    - {name: data, mountPath: /data}
              volumeClaimTemplates:
              - metadata: {name: data}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Gi}}
            """;

    private static Path dataDir;
    private static K8jServer server;

    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("k8j-sts-e2e-");
        server = K8jServer.start(dataDir, List.of("--node-name", NODE, "--kubelet-port", "0", "--pod-loopback-block", "73"));
    }

    @AfterAll
    static void stop() {
        server.close();
        K8jServer.deleteTree(dataDir);
    }

    @Test
    void everyKubectlWriteOfTheTutorialFormIsAccepted() {
        for (String binary : List.of(Kubectl.V127, Kubectl.V133)) {
            try (Kubectl kubectl = new Kubectl(binary, server.kubeconfig())) {
                assertThat(kubectl.okWithInput(MANIFEST, "create", "--dry-run=server", "-f", "-"))
                        .contains("statefulset.apps/web created (server dry run)");
                assertThat(kubectl.okWithInput(MANIFEST, "apply", "--dry-run=server", "-f", "-"))
                        .contains("statefulset.apps/web created (server dry run)");
                assertThat(kubectl.okWithInput(MANIFEST, "apply", "--server-side", "--dry-run=server", "-f", "-"))
                        .contains("statefulset.apps/web serverside-applied (server dry run)");
            }
        }
    }

    @Test
    void itsPodsKeepWhatTheyWroteIntoTheirClaims() throws IOException {
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.ok("create", "namespace", "tutorial");
            assertThat(kubectl.okWithInput(MANIFEST, "-n", "tutorial", "apply", "-f", "-"))
                    .contains("service/web created", "statefulset.apps/web created");
            await().atMost(WAIT).until(() -> phase(kubectl, "pod", "web-1").equals("Running"));
            assertThat(phase(kubectl, "pvc", "data-web-0")).isEqualTo("Bound");
            assertThat(phase(kubectl, "pvc", "data-web-1")).isEqualTo("Bound");
            await().atMost(WAIT).until(() -> kubectl.run("-n", "tutorial", "logs", "web-1").out().equals("web-1\n"));

            Path claim = dataDir.resolve("storage").resolve(
                    kubectl.ok("-n", "tutorial", "get", "pvc", "data-web-0", "-o", "jsonpath={.spec.volumeName}"));
            await().atMost(WAIT).until(() -> Files.exists(claim.resolve("starts")));
            assertThat(Files.readString(claim.resolve("first"))).isEqualTo("web-0\n");
            String uid = kubectl.ok("-n", "tutorial", "get", "pod", "web-0", "-o", "jsonpath={.metadata.uid}");

            kubectl.ok("-n", "tutorial", "delete", "pod", "web-0", "--grace-period=1");
            await().atMost(WAIT).until(() -> {
                Kubectl.Result r = kubectl.run("-n", "tutorial", "get", "pod", "web-0", "-o", "jsonpath={.metadata.uid} {.status.phase}");
                return r.code() == 0 && !r.out().startsWith(uid) && r.out().endsWith(" Running");
            });
            await().atMost(WAIT).until(() -> Files.readAllLines(claim.resolve("starts")).size() == 2);
            assertThat(Files.readString(claim.resolve("first"))).isEqualTo("web-0\n");
            await().atMost(WAIT).until(() -> kubectl.run("-n", "tutorial", "logs", "web-0").out().equals("web-0\n"));

            kubectl.ok("-n", "tutorial", "delete", "statefulset", "web", "--wait=true");
            kubectl.ok("delete", "namespace", "tutorial", "--wait=false");
        }
    }

    private static String phase(Kubectl kubectl, String kind, String name) {
        Kubectl.Result r = kubectl.run("-n", "tutorial", "get", kind, name, "-o", "jsonpath={.status.phase}");
        return r.code() == 0 ? r.out() : "";
    }
}

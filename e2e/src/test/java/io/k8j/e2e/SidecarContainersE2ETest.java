package io.k8j.e2e;

import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.SharedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sidecar containers (init containers with restartPolicy Always) on the kubelet's process runtime, driven by
 * real kubectl: a sidecar starts before the app and runs beside it, counts in READY, is restarted when it
 * exits whatever the pod's restartPolicy, is stopped once a run-to-completion app is done (the pod then
 * Succeeds), and is stopped after the app on deletion; the API server rejects restartPolicy elsewhere.
 */
class SidecarContainersE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final SharedServer K8J = new SharedServer(() -> List.of("--node-name", "sidecar-node", "--kubelet-port", "0",
            "--pod-loopback-block", "76"));

    @ParameterizedTest
    @ValueSource(strings = {Kubectl.V133, Kubectl.V129})
    void aSidecarStartsFirstRunsBesideTheAppAndStopsAfterIt(String binary) throws IOException {
        Kubectl kubectl = K8J.kubectl(binary);
        String name = "web" + Path.of(binary).getFileName().toString().replaceAll("\\D", "");
        Path out = Files.createTempDirectory("k8j-sidecar-e2e-");
        try {
            // The sidecar's startup probe passes once it has written; only then may the app start.
            kubectl.okWithInput("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},"spec":{"terminationGracePeriodSeconds":10,
                     "volumes":[{"name":"shared","emptyDir":{}},{"name":"out","hostPath":{"path":"%s","type":"Directory"}}],
                     "initContainers":[{"name":"side","image":"busybox","restartPolicy":"Always",
                      "command":["sh","-c","trap 'echo side >> out/stopped; exit 0' TERM; while true; do echo side >> shared/log; sleep 1; done"],
                      "startupProbe":{"exec":{"command":["test","-s","shared/log"]},"periodSeconds":1},
                      "volumeMounts":[{"name":"shared","mountPath":"/shared"},{"name":"out","mountPath":"/out"}]}],
                     "containers":[{"name":"app","image":"busybox",
                      "command":["sh","-c","trap 'sleep 1; echo app >> out/stopped; exit 0' TERM; head -1 shared/log; while true; do sleep 1; done"],
                      "volumeMounts":[{"name":"shared","mountPath":"/shared"},{"name":"out","mountPath":"/out"}]}]}}
                    """.formatted(name, out), "apply", "-f", "-");
            await().atMost(WAIT).until(() -> kubectl.ok("get", "pod", name).matches("(?s).*" + name + "\\s+2/2\\s+Running\\s+0\\s.*"));
            assertThat(kubectl.ok("logs", name, "-c", "app")).isEqualTo("side\n");
            assertThat(kubectl.ok("get", "pod", name, "-o", "jsonpath={.status.initContainerStatuses[0].started} "
                    + "{.status.initContainerStatuses[0].ready} {.status.conditions[?(@.type==\"Initialized\")].status} "
                    + "{.status.conditions[?(@.type==\"ContainersReady\")].status}")).isEqualTo("true true True True");
            assertThat(kubectl.ok("get", "pod", name, "-o", "jsonpath={.status.initContainerStatuses[0].state.running}"))
                    .isNotEmpty();
            // The app takes a second to stop; the sidecar gets its SIGTERM only after that.
            kubectl.ok("delete", "pod", name);
            assertThat(Files.readString(out.resolve("stopped"))).isEqualTo("app\nside\n");
        } finally {
            K8jServer.deleteTree(out);
        }
    }

    @Test
    void aPodThatRunsToCompletionSucceedsAndItsSidecarIsStopped() throws IOException {
        Kubectl kubectl = K8J.kubectl(Kubectl.V133);
        Path out = Files.createTempDirectory("k8j-sidecar-e2e-");
        try {
            kubectl.okWithInput("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"job"},"spec":{"restartPolicy":"Never",
                     "volumes":[{"name":"out","hostPath":{"path":"%s","type":"Directory"}}],
                     "initContainers":[{"name":"side","image":"busybox","restartPolicy":"Always",
                      "command":["sh","-c","echo $$ > out/side.pid; while true; do sleep 1; done"],
                      "volumeMounts":[{"name":"out","mountPath":"/out"}]}],
                     "containers":[{"name":"app","image":"busybox","command":["sh","-c","sleep 3; echo done"]}]}}
                    """.formatted(out), "apply", "-f", "-");
            await().atMost(WAIT).until(() -> Files.exists(out.resolve("side.pid"))
                    && !Files.readString(out.resolve("side.pid")).isBlank());
            long pid = Long.parseLong(Files.readString(out.resolve("side.pid")).trim());
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
            await().atMost(WAIT).until(() -> kubectl.ok("get", "pod", "job", "-o", "jsonpath={.status.phase}").equals("Succeeded"));
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(kubectl.ok("get", "pod", "job")).containsPattern("job\\s+0/2\\s+Completed\\s+0\\s");
            assertThat(kubectl.ok("get", "pod", "job", "-o", "jsonpath={.status.containerStatuses[0].state.terminated.exitCode} "
                    + "{.status.initContainerStatuses[0].restartCount}")).isEqualTo("0 0");
            assertThat(kubectl.ok("get", "pod", "job", "-o", "jsonpath={.status.initContainerStatuses[0].state.terminated}"))
                    .isNotEmpty();
            kubectl.ok("delete", "pod", "job");
        } finally {
            K8jServer.deleteTree(out);
        }
    }

    @Test
    void aSidecarThatExitsIsRestartedWhileTheAppKeepsRunning() {
        Kubectl kubectl = K8J.kubectl(Kubectl.V129);
        // restartPolicy Never is the pod's, for its app container; the sidecar comes back anyway.
        kubectl.okWithInput("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"flaky"},"spec":{"restartPolicy":"Never",
                 "terminationGracePeriodSeconds":2,
                 "initContainers":[{"name":"side","image":"busybox","restartPolicy":"Always",
                  "command":["sh","-c","echo up; sleep 1; exit 1"]}],
                 "containers":[{"name":"app","image":"busybox","command":["sh","-c","while true; do sleep 1; done"]}]}}
                """, "apply", "-f", "-");
        await().atMost(WAIT).until(() -> !kubectl.ok("get", "pod", "flaky", "-o",
                "jsonpath={.status.initContainerStatuses[0].restartCount}").matches("|0"));
        assertThat(kubectl.ok("get", "pod", "flaky", "-o", "jsonpath={.status.phase} {.status.containerStatuses[0].state.running} "
                + "{.status.containerStatuses[0].restartCount} {.status.initContainerStatuses[0].lastState.terminated.exitCode}"))
                .matches("Running \\{.*} 0 1");
        assertThat(kubectl.ok("get", "pod", "flaky")).containsPattern("flaky\\s+\\d/2\\s+\\S+\\s+[1-9]\\d* \\(\\d+s ago\\)");
        assertThat(kubectl.ok("logs", "flaky", "-c", "side", "--previous")).isEqualTo("up\n");
        kubectl.ok("delete", "pod", "flaky");
    }

    @ParameterizedTest
    @ValueSource(strings = {Kubectl.V133, Kubectl.V129})
    void restartPolicyIsOnlyForInitContainers(String binary) {
        Kubectl kubectl = K8J.kubectl(binary);
        Kubectl.Result regular = kubectl.runWithInput("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"bad"},"spec":{
                 "containers":[{"name":"app","image":"busybox","restartPolicy":"Always"}]}}
                """, "apply", "-f", "-");
        assertThat(regular.code()).isNotZero();
        assertThat(regular.err()).contains("The Pod \"bad\" is invalid: "
                + "spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers");
        Kubectl.Result init = kubectl.runWithInput("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"bad"},"spec":{
                 "initContainers":[{"name":"setup","image":"busybox","restartPolicy":"OnFailure",
                  "readinessProbe":{"exec":{"command":["true"]}}}],
                 "containers":[{"name":"app","image":"busybox"}]}}
                """, "apply", "-f", "-");
        assertThat(init.err()).contains("spec.initContainers[0].restartPolicy: Unsupported value: \"OnFailure\": "
                + "supported values: \"Always\"").contains("spec.initContainers[0].readinessProbe: Forbidden: "
                + "may not be set for init containers without restartPolicy=Always");
        assertThat(kubectl.run("get", "pod", "bad").err()).contains("pods \"bad\" not found");
    }
}

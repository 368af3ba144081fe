package io.k8j.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * `kubectl debug` against the process runtime: an ephemeral container added to a running pod through
 * pods/ephemeralcontainers, attached to (-i), reported in ephemeralContainerStatuses, its log kept, the pod left
 * Running and ready; a second debug of the same name changes nothing, and the API server refuses to change or
 * remove an ephemeral container (422); --copy-to runs a copy of the pod with a debug container.
 */
class EphemeralContainersE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SharedServer K8J = new SharedServer(() -> List.of("--node-name", "debug-node", "--kubelet-port", "0",
            "--pod-loopback-block", "74"));

    private static String runningPod(Kubectl kubectl, String name) {
        kubectl.ok("run", name, "--image=busybox", "--restart=Never", "--command", "--", "sleep", "3600");
        kubectl.ok("wait", "--for=condition=Ready", "pod/" + name, "--timeout=60s");
        return name;
    }

    @ParameterizedTest
    @ValueSource(strings = {Kubectl.V133, Kubectl.V127})
    void debugAttachesToAnEphemeralContainerThatLeavesThePodAsItWas(String binary) throws IOException {
        Kubectl kubectl = K8J.kubectl(binary);
        String pod = runningPod(kubectl, "target" + Path.of(binary).getFileName().toString().replaceAll("\\D", ""));
        String before = kubectl.ok("get", "pod", pod, "--no-headers");
        assertThat(before).matches(pod + "\\s+1/1\\s+Running\\s+0\\s.*\\n");

        String out = kubectl.okWithInput("hello\n", "debug", pod, "-i", "--image=busybox", "--container=dbg",
                "--", "sh", "-c", "read l; echo got $l");

        assertThat(out).contains("got hello");
        await().atMost(WAIT).until(() -> !kubectl.ok("get", "pod", pod, "-o",
                "jsonpath={.status.ephemeralContainerStatuses[0].state.terminated}").isEmpty());
        assertThat(kubectl.ok("get", "pod", pod, "-o", "jsonpath={.status.ephemeralContainerStatuses[0].state}"))
                .contains("\"terminated\"").contains("\"exitCode\":0").contains("\"reason\":\"Completed\"");
        assertThat(kubectl.ok("get", "pod", pod, "-o", "jsonpath={.status.ephemeralContainerStatuses[0].name} "
                + "{.status.ephemeralContainerStatuses[0].ready} {.status.ephemeralContainerStatuses[0].restartCount} "
                + "{.status.ephemeralContainerStatuses[0].containerID}")).matches("dbg false 0 process://\\S+");
        assertThat(kubectl.ok("logs", pod, "-c", "dbg")).isEqualTo("got hello\n");
        assertThat(kubectl.ok("get", "pod", pod, "--no-headers")).matches(pod + "\\s+1/1\\s+Running\\s+0\\s.*\\n");

        // The name is taken. As on kube, kubectl's two-way patch lists "dbg" twice, the second time with its
        // current values, so merging it changes nothing: no second container, the first one as it was.
        kubectl.ok("debug", pod, "--image=busybox", "--container=dbg", "--", "sh", "-c", "echo again");
        assertThat(kubectl.ok("get", "pod", pod, "-o", "jsonpath={.spec.ephemeralContainers[*].name} "
                + "{.spec.ephemeralContainers[0].command}")).isEqualTo("dbg [\"sh\",\"-c\",\"read l; echo got $l\"]");

        Kubectl.Result changed = putEphemeralContainers(kubectl, pod,
                spec -> ((ObjectNode) spec.get("ephemeralContainers").get(0)).put("image", "alpine"));
        assertThat(changed.code()).isNotZero();
        assertThat(changed.err()).contains("422 Unprocessable Entity").contains("The Pod \"" + pod + "\" is invalid: "
                + "spec.ephemeralContainers: Forbidden: existing ephemeral containers \"dbg\" may not be changed");
        Kubectl.Result removed = putEphemeralContainers(kubectl, pod, spec -> spec.remove("ephemeralContainers"));
        assertThat(removed.code()).isNotZero();
        assertThat(removed.err()).contains("422 Unprocessable Entity")
                .contains("existing ephemeral containers \"dbg\" may not be removed");
        assertThat(kubectl.ok("get", "pod", pod, "-o", "jsonpath={.spec.ephemeralContainers[0].image}")).isEqualTo("busybox");
    }

    /** A PUT to pods/{name}/ephemeralcontainers of the pod as read, its spec changed by {@code edit}. */
    private static Kubectl.Result putEphemeralContainers(Kubectl kubectl, String pod, Consumer<ObjectNode> edit)
            throws IOException {
        ObjectNode body = (ObjectNode) JSON.readTree(kubectl.ok("get", "pod", pod, "-o", "json"));
        edit.accept((ObjectNode) body.get("spec"));
        Path file = Files.createTempFile("k8j-ephemeral-", ".json");
        try {
            Files.writeString(file, JSON.writeValueAsString(body));
            return kubectl.run("replace", "--raw", "/api/v1/namespaces/default/pods/" + pod + "/ephemeralcontainers",
                    "-f", file.toString(), "-v=6");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void aRunningEphemeralContainerIsStoppedWithItsPod() throws IOException {
        Kubectl kubectl = K8J.kubectl(Kubectl.V133);
        String pod = runningPod(kubectl, "doomed");
        Path dir = Files.createTempDirectory("k8j-ephemeral-e2e-");
        try {
            // No filesystem isolation on the process runtime: the container can leave its pid where the test sees it.
            kubectl.ok("debug", pod, "--image=busybox", "--container=long", "--", "sh", "-c",
                    "echo $$ > " + dir + "/pid; exec sleep 600");
            await().atMost(WAIT).until(() -> Files.exists(dir.resolve("pid")) && !Files.readString(dir.resolve("pid")).isBlank());
            long pid = Long.parseLong(Files.readString(dir.resolve("pid")).trim());
            await().atMost(WAIT).until(() -> !kubectl.ok("get", "pod", pod, "-o",
                    "jsonpath={.status.ephemeralContainerStatuses[0].state.running}").isEmpty());
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

            kubectl.ok("delete", "pod", pod, "--timeout=60s");

            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        } finally {
            K8jServer.deleteTree(dir);
        }
    }

    @Test
    void discoveryListsTheSubresource() {
        String v1 = K8J.kubectl(Kubectl.V133).ok("get", "--raw", "/api/v1");
        assertThat(v1).contains("\"name\":\"pods/ephemeralcontainers\"");
    }

    @Test
    void debugCopyToRunsACopyOfThePodWithADebugContainer() {
        Kubectl kubectl = K8J.kubectl(Kubectl.V133);
        String pod = runningPod(kubectl, "source");
        kubectl.ok("debug", pod, "--copy-to=" + pod + "-copy", "--image=busybox", "--container=copydbg",
                "--", "sh", "-c", "echo copied");

        await().atMost(WAIT).until(() -> kubectl.run("logs", pod + "-copy", "-c", "copydbg").out().equals("copied\n"));
        assertThat(kubectl.ok("get", "pod", pod + "-copy", "-o", "jsonpath={.spec.containers[*].name}"))
                .isEqualTo(pod + " copydbg");
    }
}

package io.k8j.e2e;

import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.PythonScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kubectl exec through the API server's pods/exec proxy to the kubelet's /exec on the process runtime:
 * WebSocket v5 from kubectl 1.33, v4 from the Python client (SPDY from kubectl 1.27: PortForwardAttachE2ETest).
 */
class KubeletExecE2ETest {
    private static final String NS = "exec";
    private static Path dataDir;
    private static K8jServer server;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("k8j-exec-e2e-");
        server = K8jServer.start(dataDir, List.of("--node-name", "exec-node", "--kubelet-port", "0",
                "--pod-loopback-block", "78"));
        kubectl = new Kubectl(Kubectl.V133, server.kubeconfig());
        kubectl.ok("create", "namespace", NS);
        kubectl.ok("-n", NS, "run", "box", "--image=busybox", "--restart=Never", "--command", "--", "sh", "-c", "sleep 3600");
        kubectl.ok("-n", NS, "wait", "--for=jsonpath={.status.phase}=Running", "pod/box", "--timeout=60s");
    }

    @AfterAll
    static void stop() {
        kubectl.close();
        server.close();
        K8jServer.deleteTree(dataDir);
    }

    @Test
    void execPrintsTheOutputAndExitsZero() {
        Kubectl.Result r = kubectl.run("-n", NS, "exec", "box", "--", "echo", "hi");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("hi\n");
        assertThat(kubectl.ok("-n", NS, "exec", "box", "--", "sh", "-c", "pwd; echo $HOSTNAME"))
                .endsWith("/box\nbox\n");
    }

    @Test
    void aNonZeroExitCodeIsKubectlsExitCode() {
        Kubectl.Result r = kubectl.run("-n", NS, "exec", "box", "--", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("out\n");
        assertThat(r.err()).contains("err\n").contains("command terminated with exit code 3");
    }

    @Test
    void stdinReachesTheCommand() {
        assertThat(kubectl.okWithInput("data\n", "-n", NS, "exec", "-i", "box", "--", "cat")).isEqualTo("data\n");
    }

    @Test
    void errorsBeforeTheUpgradeReadAsKubes() {
        assertThat(kubectl.run("-n", NS, "exec", "box", "-c", "nope", "--", "true").err())
                .contains("container nope is not valid for pod box");
        assertThat(kubectl.run("-n", NS, "exec", "nosuch", "--", "true").err()).contains("pods \"nosuch\" not found");
    }

    @Test
    void thePythonClientStreamsExec() throws Exception {
        PythonScript.Result r = PythonScript.run("pod_exec_stream.py", Duration.ofSeconds(60),
                Map.of("KUBECONFIG", server.kubeconfig().toString(), "NAMESPACE", NS, "POD", "box"));
        assertThat(r.finished()).as(r.output()).isTrue();
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("python exec: ok");
    }
}

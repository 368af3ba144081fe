package io.k8j.e2e;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.PythonScript;
import io.k8j.e2e.support.SharedServer;
import io.k8j.e2e.support.Tmux;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The streaming transports on the process runtime with the clients that use them: SPDY/3.1 exec (kubectl
 * 1.27, 1.29), port-forward over SPDY (1.27) and SPDY inside a WebSocket (1.33) to busybox httpd in a pod,
 * WebSocket v4 exec and port-forward (the Python client, fabric8), attach (kubectl run -i), exec -it under
 * tmux, and kubectl cp (tar through exec) both ways; sessions that end leave no error in the server's log.
 */
class PortForwardAttachE2ETest {
    @RegisterExtension
    static final SharedServer K8J = new SharedServer(() -> List.of("--node-name", "stream-node", "--kubelet-port", "0",
            "--pod-loopback-block", "79"));

    @BeforeAll
    static void startWebServer() {
        Kubectl kubectl = K8J.kubectl(Kubectl.V133);
        kubectl.ok("run", "web", "--image=busybox", "--restart=Never", "--command", "--", "sh", "-c",
                "mkdir -p www && echo hello-from-httpd > www/index.html && exec busybox httpd -f -p $POD_IP:8080 -h www");
        kubectl.ok("wait", "--for=jsonpath={.status.phase}=Running", "pod/web", "--timeout=60s");
    }

    @ParameterizedTest
    @ValueSource(strings = {Kubectl.V127, Kubectl.V129})
    void spdyExecReturnsTheOutputAndTheExitCode(String binary) {
        Kubectl kubectl = K8J.kubectl(binary);
        assertThat(kubectl.ok("exec", "web", "--", "echo", "hi")).isEqualTo("hi\n");
        Kubectl.Result r = kubectl.run("exec", "web", "--", "sh", "-c", "echo err >&2; exit 3");
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains("err\n").contains("command terminated with exit code 3");
        assertThat(kubectl.okWithInput("data\n", "exec", "-i", "web", "--", "cat")).isEqualTo("data\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {Kubectl.V127, Kubectl.V133})
    void portForwardReachesTheHttpServerInThePod(String binary) throws Exception {
        int local = K8jServer.freePort();
        try (Kubectl.Background pf = K8J.kubectl(binary).background("port-forward", "pod/web", local + ":8080")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> pf.output().contains("Forwarding from"));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (int i = 0; i < 2; i++) { // one stream pair per connection, on the same session
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + local + "/index.html"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("hello-from-httpd\n");
            }
        }
    }

    @Test
    void thePythonClientPortForwardsOverWebSocket() throws Exception {
        PythonScript.Result r = PythonScript.run("pod_portforward.py", Duration.ofSeconds(60),
                Map.of("KUBECONFIG", K8J.kubectl(Kubectl.V133).kubeconfig().toString(), "NAMESPACE", "default", "POD", "web", "PORT", "8080"));
        assertThat(r.finished()).as(r.output()).isTrue();
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("python portforward: ok");
    }

    @ParameterizedTest
    @ValueSource(strings = {Kubectl.V127, Kubectl.V133})
    void cpCopiesAFileIntoThePodAndBackThroughExecAndTar(String binary) throws Exception {
        Kubectl kubectl = K8J.kubectl(binary);
        String name = "copied-" + Path.of(binary).getFileName().toString().replace("kubectl.1.", "1") + ".txt";
        Path local = Files.createTempFile("k8j-cp-", ".txt");
        Path back = local.resolveSibling(local.getFileName() + ".back");
        try {
            Files.writeString(local, "payload " + name + "\n");
            kubectl.ok("cp", local.toString(), "web:" + name);
            assertThat(kubectl.ok("exec", "web", "--", "cat", name)).isEqualTo("payload " + name + "\n");
            kubectl.ok("cp", "web:" + name, back.toString());
            assertThat(Files.readString(back)).isEqualTo("payload " + name + "\n");
        } finally {
            Files.deleteIfExists(local);
            Files.deleteIfExists(back);
        }
    }

    @Test
    void fabric8ExecsWithStdinAndReportsTheExitCode() throws Exception {
        try (KubernetesClient client = fabric8()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try (ExecWatch exec = client.pods().inNamespace("default").withName("web")
                    .readingInput(new ByteArrayInputStream("data\n".getBytes(StandardCharsets.UTF_8)))
                    .writingOutput(out).writingError(err)
                    .exec("sh", "-c", "read line; echo got-$line; echo err >&2; exit 3")) {
                assertThat(exec.exitCode().get(30, TimeUnit.SECONDS)).isEqualTo(3);
            }
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("got-data\n");
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("err\n");
        }
    }

    @Test
    void fabric8PortForwardsToTheHttpServerInThePod() throws Exception {
        try (KubernetesClient client = fabric8();
             LocalPortForward pf = client.pods().inNamespace("default").withName("web").portForward(8080, K8jServer.freePort())) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (int i = 0; i < 2; i++) { // a WebSocket of its own per connection
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pf.getLocalPort() + "/index.html"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("hello-from-httpd\n");
            }
            assertThat(pf.errorOccurred()).isFalse();
        }
    }

    private static KubernetesClient fabric8() throws IOException {
        Config config = Config.fromKubeconfig(Files.readString(K8J.kubectl(Kubectl.V133).kubeconfig()));
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {Kubectl.V127, Kubectl.V133})
    void runDashIAttachesToTheContainersStdinAndOutput(String binary) {
        String name = "reader-" + Path.of(binary).getFileName().toString().replace("kubectl.1.", "1");
        String out = K8J.kubectl(binary).okWithInput("hello\n", "run", "-i", name, "--image=busybox", "--restart=Never",
                "--command", "--", "sh", "-c", "read line; echo got $line");
        assertThat(out).contains("got hello");
    }

    @ParameterizedTest
    @ValueSource(strings = {Kubectl.V127, Kubectl.V133})
    void execDashItRunsAShellOnATerminal(String binary) throws Exception {
        try (Tmux tmux = new Tmux()) {
            tmux.start(binary + " --kubeconfig " + K8J.kubectl(binary).kubeconfig() + " exec -it web -- sh; echo EXITED-$?; sleep 60");
            await().atMost(Duration.ofSeconds(30)).until(() -> tmux.screen().contains("#"));
            tmux.type("echo sum-$((40+2)); stty size");
            await().atMost(Duration.ofSeconds(15)).until(() -> tmux.screen().contains("sum-42"));
            // the client's terminal size reached the pty (the pane's rows: 30 less tmux's status line)
            await().atMost(Duration.ofSeconds(15)).until(() -> tmux.screen().lines().anyMatch(l -> l.matches("\\d+ 100\\s*")));
            tmux.type("exit 5");
            await().atMost(Duration.ofSeconds(15)).until(() -> tmux.screen().contains("EXITED-5"));
            assertThat(tmux.screen()).doesNotContain("^@"); // a NUL echoed by the terminal
        }
    }

    @Test
    void sessionsThatEndLeaveNoErrorInTheServerLog() throws Exception {
        long from = Files.size(K8J.serverLog());
        Kubectl spdy = K8J.kubectl(Kubectl.V127);
        assertThat(spdy.ok("exec", "web", "--", "echo", "hi")).isEqualTo("hi\n");
        assertThat(spdy.okWithInput("data\n", "exec", "-i", "web", "--", "cat")).isEqualTo("data\n");
        assertThat(K8J.kubectl(Kubectl.V133).ok("exec", "web", "--", "echo", "hi")).isEqualTo("hi\n");
        for (String binary : List.of(Kubectl.V127, Kubectl.V133)) {
            int local = K8jServer.freePort();
            try (Kubectl.Background pf = K8J.kubectl(binary).background("port-forward", "pod/web", local + ":8080")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> pf.output().contains("Forwarding from"));
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + local + "/index.html")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.body()).isEqualTo("hello-from-httpd\n");
            }
        }
        Thread.sleep(2000); // the sessions' ends reach the API server and the kubelet after the clients are gone
        String log;
        try (var in = Files.newInputStream(K8J.serverLog())) {
            in.skipNBytes(from);
            log = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(log).doesNotContain("Exception").doesNotContain(" ERROR ");
    }
}

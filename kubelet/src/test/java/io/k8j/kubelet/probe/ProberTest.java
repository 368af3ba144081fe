package io.k8j.kubelet.probe;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.k8j.kubelet.runtime.ContainerConfig;
import io.k8j.kubelet.runtime.SandboxConfig;
import io.k8j.kubelet.runtime.process.ProcessRuntime;
import io.k8j.kubelet.runtime.simulated.SimulatedRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProberTest {
    private HttpServer server;
    private final Prober prober = new Prober(new SimulatedRuntime(0, Clock.systemUTC()));
    private final Container container = new ContainerBuilder().withName("c").addNewPort().withName("http")
            .withContainerPort(8080).endPort().build();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/healthz", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.createContext("/broken", ex -> {
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Probe http(String path, int port) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString(port)).endHttpGet()
                .withTimeoutSeconds(2).build();
    }

    @Test
    void httpGetSucceedsOn2xxAndFailsOn5xxOrNoListenerSayingWhy() throws Exception {
        int port = server.getAddress().getPort();
        assertThat(prober.probe(http("/healthz", port), container, "id", "127.0.0.1").success()).isTrue();
        assertThat(prober.probe(http("/broken", port), container, "id", "127.0.0.1"))
                .isEqualTo(new Prober.Result(false, "HTTP probe failed with statuscode: 500"));
        int closed = closedPort();
        Prober.Result refused = prober.probe(http("/healthz", closed), container, "id", "127.0.0.1");
        assertThat(refused.success()).isFalse();
        assertThat(refused.output()).startsWith("Get \"http://127.0.0.1:" + closed + "/healthz\": ").hasSizeGreaterThan(40);
    }

    @Test
    void tcpSocketSucceedsWhenAConnectionOpens() throws Exception {
        Probe tcp = new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(server.getAddress().getPort()))
                .endTcpSocket().build();
        assertThat(prober.probe(tcp, container, "id", "127.0.0.1").success()).isTrue();
        int closed = closedPort();
        Probe refused = new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(closed)).endTcpSocket().build();
        assertThat(prober.probe(refused, container, "id", "127.0.0.1").output())
                .startsWith("dial tcp 127.0.0.1:" + closed + ": ").containsIgnoringCase("refused");
    }

    @Test
    void aFailedExecProbeSaysWhatTheCommandPrintedOrThatItTimedOut(@TempDir Path dir) {
        try (ProcessRuntime runtime = ProcessRuntime.inDataDir(dir, 200, Clock.systemUTC())) {
            String sandbox = runtime.runPodSandbox(new SandboxConfig("p", "default", "uid-1", 0, "p", Map.of(), dir.resolve("logs")));
            String id = runtime.createContainer(sandbox, null, new ContainerConfig("c", 0, "busybox", List.of("sh", "-c"),
                    List.of("sleep 30"), Map.of(), null, List.of(), Path.of("c/0.log"), Map.of(), ContainerConfig.Stdio.NONE));
            runtime.startContainer(id);
            Prober execs = new Prober(runtime);
            assertThat(execs.probe(exec(1, "sh", "-c", "echo not ready; echo db down >&2; exit 1"), container, id, null))
                    .isEqualTo(new Prober.Result(false, "not ready\ndb down\n"));
            assertThat(execs.probe(exec(1, "sh", "-c", "exit 0"), container, id, null).success()).isTrue();
            assertThat(execs.probe(exec(1, "sleep", "5"), container, id, null))
                    .isEqualTo(new Prober.Result(false, "command \"sleep 5\" timed out"));
            runtime.removePodSandbox(sandbox); // closing leaves containers running
        }
    }

    private static Probe exec(int timeoutSeconds, String... command) {
        return new ProbeBuilder().withNewExec().withCommand(command).endExec().withTimeoutSeconds(timeoutSeconds).build();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void namedPortsResolveFromTheContainer() {
        assertThat(Prober.port(new IntOrString("http"), container)).isEqualTo(8080);
    }

    @Test
    void thresholdsFlipTheVerdictOnlyAfterConsecutiveResults() {
        ProbeState liveness = new ProbeState(true, 1, 3);
        assertThat(liveness.record(false)).isFalse();
        assertThat(liveness.record(false)).isFalse();
        assertThat(liveness.record(true)).isFalse();
        assertThat(liveness.record(false)).isFalse();
        assertThat(liveness.record(false)).isFalse();
        assertThat(liveness.record(false)).isTrue();
        assertThat(liveness.verdict()).isFalse();
        ProbeState readiness = new ProbeState(false, 2, 3);
        assertThat(readiness.record(true)).isFalse();
        assertThat(readiness.record(true)).isTrue();
        assertThat(readiness.verdict()).isTrue();
    }
}

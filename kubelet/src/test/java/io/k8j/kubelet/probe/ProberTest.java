package io.k8j.kubelet.probe;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.k8j.kubelet.runtime.simulated.SimulatedRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;

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
    void httpGetSucceedsOn2xxAndFailsOn5xxOrNoListener() throws Exception {
        int port = server.getAddress().getPort();
        assertThat(prober.probe(http("/healthz", port), container, "id", "127.0.0.1")).isTrue();
        assertThat(prober.probe(http("/broken", port), container, "id", "127.0.0.1")).isFalse();
        int closed;
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThat(prober.probe(http("/healthz", closed), container, "id", "127.0.0.1")).isFalse();
    }

    @Test
    void tcpSocketSucceedsWhenAConnectionOpens() {
        Probe tcp = new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(server.getAddress().getPort()))
                .endTcpSocket().build();
        assertThat(prober.probe(tcp, container, "id", "127.0.0.1")).isTrue();
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

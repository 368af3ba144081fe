package io.k8j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k8j.e2e.support.ComponentProcess;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two {@code k8j agent}s on one machine, told apart by --node-ip: each reports its own InternalIP (and
 * ExternalIP when given) and the --kubelet-port both listen on, with no TLS flags given.
 */
class AgentE2ETest {
    private static K8jServer server;
    private static Kubectl kubectl;
    private static final List<ComponentProcess> AGENTS = new ArrayList<>();
    private static final List<Path> DIRS = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = K8jServer.start();
        kubectl = new Kubectl(Kubectl.V133, server.kubeconfig());
    }

    @AfterAll
    static void stop() {
        AGENTS.forEach(ComponentProcess::close);
        DIRS.forEach(K8jServer::deleteTree);
        kubectl.close();
        server.close();
    }

    private static ComponentProcess agent(String name, String nodeIp, int port, String... extra) throws Exception {
        Path dir = Files.createTempDirectory("k8j-e2e-agent-");
        DIRS.add(dir);
        List<String> args = new ArrayList<>(List.of("agent", "--kubeconfig", server.kubeconfig().toString(),
                "--data-dir", dir.toString(), "--node-name", name, "--node-ip", nodeIp,
                "--kubelet-port", Integer.toString(port), "--container-runtime", "simulated"));
        args.addAll(List.of(extra));
        ComponentProcess agent = ComponentProcess.start(args);
        AGENTS.add(agent);
        return agent;
    }

    private static String addresses(String node) {
        return kubectl.run("get", "node", node, "-o",
                "jsonpath={range .status.addresses[*]}{.type}={.address} {end}port={.status.daemonEndpoints.kubeletEndpoint.Port}").out();
    }

    @Test
    void agentsOnOneMachineReportTheirOwnAddressesAndTheKubeletPort() throws Exception {
        int port = K8jServer.freePort();
        ComponentProcess first = agent("agent-a", "127.0.0.2", port, "--node-external-ip", "192.0.2.10");
        ComponentProcess second = agent("agent-b", "127.0.0.3", port);

        await().atMost(Duration.ofSeconds(240)).untilAsserted(() -> {
            assertThat(first.isAlive()).as(first.log()).isTrue();
            assertThat(second.isAlive()).as(second.log()).isTrue();
            assertThat(addresses("agent-a")).isEqualTo(
                    "InternalIP=127.0.0.2 ExternalIP=192.0.2.10 Hostname=agent-a port=" + port);
            assertThat(addresses("agent-b")).isEqualTo("InternalIP=127.0.0.3 Hostname=agent-b port=" + port);
        });
        assertThat(first.log()).contains("node server port " + port)
                .contains("No --tls-cert-file: the node server uses a self-signed certificate");
    }
}

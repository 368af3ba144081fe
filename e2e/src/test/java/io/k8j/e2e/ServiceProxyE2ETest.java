package io.k8j.e2e;

import io.k8j.e2e.support.ContainerdNode;
import io.k8j.e2e.support.EgressGuard;
import io.k8j.e2e.support.K8jCommand;
import io.k8j.e2e.support.Kubectl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Services through k8j's kube-proxy, with real containers and kubectl 1.33: three busybox httpd pods behind a
 * NodePort Service, a client pod that reaches them by the ClusterIP with wget (every backend answers), a Service
 * with no ready endpoints and an unallocated service address refused at once, the NodePort answering on the
 * node's address (127.0.0.1, through route_localnet), the {@code kubernetes} Service reaching the API server on
 * loopback from a pod, Service environment variables in the client, {@code k8j proxy
 * --cleanup} after a SIGKILL, and no k8j proxy rule left once the Service is deleted and the server stopped. Traffic to 10.42/10.43 leaves only the
 * client pod's namespace, or the host once the proxy's rules for it are seen in place; an egress guard rejects
 * cluster addresses on the default-route interface throughout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceProxyE2ETest {
    private static final Path ROUTE_LOCALNET = Path.of("/proc/sys/net/ipv4/conf/all/route_localnet");
    private static final int NODE_PORT = 31080;
    private static final String OBJECTS = """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              type: NodePort
              selector: {app: web}
              ports: [{name: http, port: 80, targetPort: 80, nodePort: %d}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: idle}
            spec:
              selector: {app: nobody}
              ports: [{name: http, port: 80}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 3
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - {name: web, image: busybox, imagePullPolicy: IfNotPresent}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: client}
            spec:
              containers:
              - {name: c, image: busybox, imagePullPolicy: IfNotPresent, command: ["sleep", "3600"]}
            """.formatted(NODE_PORT);
    private static final Pattern HELLO = Pattern.compile("Hello from (web-[a-z0-9-]+)");

    private static String routeLocalnetBefore;
    private static EgressGuard guard;
    private static ContainerdNode node;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        ContainerdNode.assumeAvailable();
        Assumptions.assumeTrue(ContainerdNode.host("iptables-restore", "--version").code() == 0, "iptables-restore is not installed");
        routeLocalnetBefore = Files.readString(ROUTE_LOCALNET).strip();
        guard = EgressGuard.install();
        node = ContainerdNode.start("proxy-node");
        kubectl = new Kubectl(Kubectl.V133, node.server().kubeconfig());
        kubectl.okWithInput(OBJECTS, "apply", "-f", "-");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> webPods().size() == 3 && webPods().stream().allMatch(ServiceProxyE2ETest::ready) && ready("client"));
    }

    @AfterAll
    static void stop() {
        if (kubectl != null) {
            kubectl.close();
        }
        if (node != null) {
            node.close();
        }
        if (guard != null) {
            guard.close();
        }
    }

    @Test
    @Order(1)
    void everyBackendAnswersOnTheClusterIpFromAPod() {
        String ip = clusterIp("web");
        assertThat(ip).startsWith("10.43.");
        await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("exec", "client", "--", "timeout", "5", "wget", "-q", "-O", "-",
                "http://" + ip + "/").out().contains("Hello from web-"));
        // Random balancing: 3 backends all answer within 60 requests but with a chance of about 3 x (2/3)^60.
        String replies = kubectl.ok("exec", "client", "--", "sh", "-c",
                "for i in $(seq 1 60); do timeout 5 wget -q -O - http://" + ip + "/; done");
        Set<String> answered = new TreeSet<>();
        Matcher m = HELLO.matcher(replies);
        while (m.find()) {
            answered.add(m.group(1));
        }
        assertThat(answered).containsExactlyInAnyOrderElementsOf(webPods());
    }

    @Test
    @Order(2)
    void aServiceWithoutReadyEndpointsAndAnUnallocatedServiceAddressAreRefusedAtOnce() {
        String idle = clusterIp("idle");
        for (String target : List.of(idle + ":80", "10.43.255.254:80", clusterIp("web") + ":81")) {
            long started = System.nanoTime();
            Kubectl.Result r = kubectl.run("exec", "client", "--", "timeout", "20", "wget", "-q", "-O", "-", "http://" + target + "/");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(r.code()).as(target).isNotZero();
            assertThat(r.err()).as(target).contains("Connection refused");
            assertThat(millis).as(target + " refused at once, not after wget's 20 s timeout").isLessThan(10_000);
        }
        assertThat(ContainerdNode.host("iptables-save", "-t", "filter").out())
                .contains("-d " + idle + "/32 -p tcp -m comment --comment \"default/idle:http has no endpoints\"");
    }

    @Test
    @Order(3)
    void theNodePortAnswersOnTheNodesAddress() throws Exception {
        // Only once the proxy's NodePort rule is in place does the host send anything that becomes pod traffic.
        await().atMost(Duration.ofSeconds(30)).until(() -> ContainerdNode.host("iptables-save", "-t", "nat").out()
                .contains("-A K8J-NODEPORTS -p tcp -m comment --comment \"default/web:http\" -m tcp --dport " + NODE_PORT));
        assertThat(Files.readString(ROUTE_LOCALNET).strip()).isEqualTo("1");
        String nodeIp = kubectl.ok("get", "node", "proxy-node", "-o",
                "jsonpath={.status.addresses[?(@.type==\"InternalIP\")].address}").strip();
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + nodeIp + ":" + NODE_PORT + "/")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsPattern(HELLO);
        // From a pod, the node's address on the pod bridge serves the NodePort too.
        assertThat(kubectl.ok("exec", "client", "--", "timeout", "5", "wget", "-q", "-O", "-", "http://10.42.0.1:" + NODE_PORT + "/"))
                .containsPattern(HELLO);
    }

    @Test
    @Order(4)
    void containersGetTheServicesEnvironmentVariables() {
        String ip = clusterIp("web");
        assertThat(kubectl.ok("exec", "client", "--", "env").lines().toList()).contains(
                "WEB_SERVICE_HOST=" + ip, "WEB_SERVICE_PORT=80", "WEB_SERVICE_PORT_HTTP=80", "WEB_PORT=tcp://" + ip + ":80",
                "WEB_PORT_80_TCP_ADDR=" + ip, "IDLE_SERVICE_HOST=" + clusterIp("idle"), "KUBERNETES_SERVICE_HOST=10.43.0.1");
    }

    @Test
    @Order(4)
    void theKubernetesServiceReachesTheApiServerOnLoopbackFromAPod() {
        // Its endpoint is 127.0.0.1:PORT: DNAT to loopback from the pod bridge needs route_localnet, as for NodePorts.
        Kubectl.Result r = kubectl.run("exec", "client", "--", "timeout", "10", "nc", "-w", "3", "10.43.0.1", "443", "-e", "true");
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    @Order(5)
    void proxyCleanupRemovesTheRulesOfAKilledServerAndARestartWritesThemAgain() throws Exception {
        node.kill();
        assertThat(proxyRules()).as("a SIGKILLed server cannot remove its rules").isNotEmpty();
        K8jCommand cleanup = K8jCommand.run("proxy", "--cleanup");
        assertThat(cleanup.exitCode()).as(cleanup.stderr()).isZero();
        assertThat(proxyRules()).isEmpty();
        assertThat(Files.readString(ROUTE_LOCALNET).strip()).isEqualTo(routeLocalnetBefore);
        node.restart();
        await().atMost(Duration.ofSeconds(60)).until(() -> kubectl.run("exec", "client", "--", "timeout", "5", "wget", "-q",
                "-O", "-", "http://" + clusterIp("web") + "/").out().contains("Hello from web-"));
    }

    @Test
    @Order(6)
    void noRuleIsLeftOnceTheServiceIsDeletedAndTheServerStopped() throws Exception {
        kubectl.ok("delete", "service", "web", "idle");
        await().atMost(Duration.ofSeconds(30)).until(() -> !ContainerdNode.host("iptables-save").out().contains("default/web"));
        kubectl.close();
        kubectl = null;
        node.close();
        node = null;
        assertThat(proxyRules()).isEmpty();
        assertThat(Files.readString(ROUTE_LOCALNET).strip()).isEqualTo(routeLocalnetBefore);
    }

    /** The proxy's chains and jumps on the host (the pod network's guard and masquerade chains are not the proxy's). */
    private static List<String> proxyRules() {
        return ContainerdNode.host("iptables-save").out().lines()
                .filter(l -> l.contains("K8J-") && !l.contains("K8J-POD-")).toList();
    }

    private static List<String> webPods() {
        Kubectl.Result r = kubectl.run("get", "pods", "-l", "app=web", "-o", "jsonpath={.items[*].metadata.name}");
        return r.code() == 0 && !r.out().isBlank() ? List.of(r.out().strip().split(" ")) : List.of();
    }

    private static boolean ready(String pod) {
        Kubectl.Result r = kubectl.run("get", "pod", pod, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}");
        return r.code() == 0 && r.out().strip().equals("True");
    }

    private static String clusterIp(String service) {
        return kubectl.ok("get", "service", service, "-o", "jsonpath={.spec.clusterIP}").strip();
    }
}

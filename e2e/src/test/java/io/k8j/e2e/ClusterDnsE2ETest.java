package io.k8j.e2e;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.k8j.dns.ClusterDns;
import io.k8j.dns.ClusterDnsConfig;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cluster DNS in this JVM on 127.0.0.1 against a real k8j server (control plane only, its own DNS disabled), its
 * objects made with kubectl 1.33, queried with dnsjava over UDP and TCP. The node's resolv.conf names 127.0.0.78,
 * where nothing listens, so forwarded names fail fast and no query leaves the machine.
 */
class ClusterDnsE2ETest {
    private static final String NS = "dns-e2e";
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(1);
    private static K8jServer server;
    private static Kubectl kubectl;
    private static KubernetesClient client;
    private static ClusterDns dns;
    private static Path resolvConf;

    @BeforeAll
    static void start() throws Exception {
        server = K8jServer.start(null, List.of(K8jServer.CONTROL_PLANE_ONLY, "--disable-dns"));
        kubectl = new Kubectl(Kubectl.V133, server.kubeconfig());
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(server.kubeconfig()))).build();
        resolvConf = Files.createTempFile("k8j-dns-resolv-", ".conf");
        Files.writeString(resolvConf, "nameserver 127.0.0.78\n");
        dns = ClusterDns.start(client, new ClusterDnsConfig("cluster.local", "10.43.0.10",
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), resolvConf, FORWARD_TIMEOUT));
        kubectl.ok("create", "namespace", NS);
        kubectl.okWithInput("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: dns-e2e}
                spec:
                  ports: [{name: http, port: 80, protocol: TCP}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: db, namespace: dns-e2e}
                spec:
                  clusterIP: None
                  ports: [{name: pg, port: 5432, protocol: TCP}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: db-1
                  namespace: dns-e2e
                  labels: {kubernetes.io/service-name: db}
                addressType: IPv4
                ports: [{name: pg, port: 5432, protocol: TCP}]
                endpoints:
                - {addresses: [10.42.0.11], hostname: db-0, conditions: {ready: true}}
                - {addresses: [10.42.0.12], hostname: db-1, conditions: {ready: true}}
                - {addresses: [10.42.0.13], hostname: db-2, conditions: {ready: false}}
                """, "apply", "-f", "-");
    }

    @AfterAll
    static void stop() throws IOException {
        if (dns != null) {
            dns.close();
        }
        if (client != null) {
            client.close();
        }
        if (kubectl != null) {
            kubectl.close();
        }
        if (server != null) {
            server.close();
        }
        if (resolvConf != null) {
            Files.deleteIfExists(resolvConf);
        }
    }

    @Test
    void theKubeDnsServiceNamesTheServerAndPointsAtWhereItListens() {
        assertThat(kubectl.ok("get", "service", "kube-dns", "-n", "kube-system", "-o",
                "jsonpath={.spec.clusterIP} {.spec.ports[*].name} {.spec.ports[*].protocol}"))
                .isEqualTo("10.43.0.10 dns dns-tcp UDP TCP");
        assertThat(kubectl.ok("get", "endpointslice", "kube-dns", "-n", "kube-system", "-o",
                "jsonpath={.endpoints[0].addresses[0]} {.ports[*].port}"))
                .isEqualTo("127.0.0.1 " + dns.port() + " " + dns.port());
    }

    @ParameterizedTest(name = "tcp={0}")
    @ValueSource(booleans = {false, true})
    void aServiceResolvesToItsClusterIp(boolean tcp) throws Exception {
        String clusterIp = kubectl.ok("get", "service", "web", "-n", NS, "-o", "jsonpath={.spec.clusterIP}");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(records(query("web.dns-e2e.svc.cluster.local.", Type.A, tcp))).containsExactly(clusterIp));
    }

    @Test
    void aHeadlessServiceResolvesToItsReadyEndpointsEachByItsHostname() throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(records(query("db.dns-e2e.svc.cluster.local.", Type.A, false)))
                        .containsExactlyInAnyOrder("10.42.0.11", "10.42.0.12"));
        assertThat(records(query("db-1.db.dns-e2e.svc.cluster.local.", Type.A, true))).containsExactly("10.42.0.12");
        assertThat(records(query("_pg._tcp.db.dns-e2e.svc.cluster.local.", Type.SRV, false))).containsExactlyInAnyOrder(
                "0 50 5432 db-0.db.dns-e2e.svc.cluster.local.", "0 50 5432 db-1.db.dns-e2e.svc.cluster.local.");
    }

    @Test
    void namedPortsHaveSrvRecords() throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(records(query("_http._tcp.web.dns-e2e.svc.cluster.local.", Type.SRV, false)))
                        .containsExactly("0 100 80 web.dns-e2e.svc.cluster.local."));
    }

    @Test
    void aNewServiceResolvesOnceCreatedAndIsNxdomainOnceDeleted() throws Exception {
        kubectl.ok("create", "service", "clusterip", "late", "-n", NS, "--tcp=8080:8080");
        String clusterIp = kubectl.ok("get", "service", "late", "-n", NS, "-o", "jsonpath={.spec.clusterIP}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(records(query("late.dns-e2e.svc.cluster.local.", Type.A, false))).containsExactly(clusterIp));

        kubectl.ok("delete", "service", "late", "-n", NS);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(query("late.dns-e2e.svc.cluster.local.", Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN));
    }

    @Test
    void anUnknownNameInTheClusterDomainIsNxdomainAtOnce() throws Exception {
        long started = System.nanoTime();
        Message response = query("nothing.dns-e2e.svc.cluster.local.", Type.A, false);

        assertThat(response.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(response.getSection(Section.AUTHORITY)).extracting(Record::getType).containsExactly(Type.SOA);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void aNameOutsideTheClusterIsServfailSoonWhenNoUpstreamAnswers() throws Exception {
        long started = System.nanoTime();
        Message response = query("example.com.", Type.A, false);

        assertThat(response.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FORWARD_TIMEOUT.plusSeconds(1));
    }

    @Test
    void theClusterIpResolvesBackToTheServiceName() throws Exception {
        String clusterIp = kubectl.ok("get", "service", "web", "-n", NS, "-o", "jsonpath={.spec.clusterIP}");
        String[] octets = clusterIp.split("\\.");
        String reverse = octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0] + ".in-addr.arpa.";

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(records(query(reverse, Type.PTR, false))).containsExactly("web.dns-e2e.svc.cluster.local."));
    }

    private static Message query(String name, int type, boolean tcp) throws IOException {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), dns.port()));
        resolver.setTCP(tcp);
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromConstantString(name), type, DClass.IN)));
    }

    private static List<String> records(Message response) {
        return response.getSection(Section.ANSWER).stream().map(Record::rdataToString).toList();
    }
}

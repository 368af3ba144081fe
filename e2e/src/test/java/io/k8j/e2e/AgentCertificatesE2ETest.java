package io.k8j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.k8j.apiserver.pki.KeyAndRequest;
import io.k8j.e2e.support.ComponentProcess;
import io.k8j.e2e.support.K8jCommand;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A node joined with a bootstrap token gets its node server's serving certificate from the cluster CA through a
 * kubelet-serving CSR that the controllers approve (the node asks for its own addresses), so the API server
 * reaches it for logs and exec; with {@code --cluster-signing-duration=40s} the agent renews its client and serving
 * certificates through new CSRs without a restart, and a restart uses the stored ones.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentCertificatesE2ETest {
    private static final String NODE = "certs";
    private static final String NODE_IP = "127.0.0.2";
    private static K8jServer server;
    private static Kubectl kubectl;
    private static Path dir;
    private static int port;
    private static String token;
    private static X509Certificate ca;
    private static final List<ComponentProcess> AGENTS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = K8jServer.start(null, List.of(K8jServer.CONTROL_PLANE_ONLY, "--cluster-signing-duration", "40s"));
        kubectl = new Kubectl(Kubectl.V133, server.kubeconfig());
        ca = x509(Files.readString(server.dataDir().resolve("pki/ca.crt")));
        K8jCommand created = K8jCommand.run("token", "create", "--kubeconfig", server.kubeconfig().toString());
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        token = created.stdout().lines().findFirst().orElseThrow();
        dir = Files.createTempDirectory("k8j-e2e-certs-");
        port = K8jServer.freePort();
        startAgent();
    }

    @AfterAll
    static void stop() {
        kubectl.run("delete", "pod", "talker", "--ignore-not-found", "--wait=true", "--timeout=60s");
        AGENTS.forEach(ComponentProcess::close);
        if (dir != null) {
            K8jServer.deleteTree(dir);
        }
        kubectl.close();
        server.close();
    }

    private static ComponentProcess startAgent() {
        ComponentProcess agent = ComponentProcess.start(List.of("agent", "--data-dir", dir.toString(), "--node-name", NODE,
                "--node-ip", NODE_IP, "--kubelet-port", Integer.toString(port), "--container-runtime", "process",
                "--server", server.url(), "--token", token));
        AGENTS.add(agent);
        await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> {
            assertThat(agent.isAlive()).as(agent.log()).isTrue();
            assertThat(ready()).isEqualTo("True");
        });
        return agent;
    }

    private static String ready() {
        return kubectl.run("get", "node", NODE, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}").out();
    }

    @Test
    @Order(1)
    void theNodeServerPresentsACertificateOfTheClusterCaAndLogsWork() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(issuedByCa(servingCertificate())).isTrue());
        X509Certificate serving = servingCertificate();
        assertThat(serving.getSubjectX500Principal().getName()).isEqualTo("CN=system:node:" + NODE + ",O=system:nodes");
        assertThat(serving.getSubjectAlternativeNames()).contains(List.of(7, NODE_IP), List.of(2, NODE));
        assertThat(serving.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // server auth
        assertThat(kubectl.ok("get", "csr")).containsPattern("csr-\\S+\\s+\\S+\\s+kubernetes.io/kubelet-serving\\s+"
                + "system:node:" + NODE + "\\s+<none>\\s+Approved,Issued");
        for (String file : List.of("kubelet-server.crt", "kubelet-server.key")) {
            assertThat(Files.getPosixFilePermissions(dir.resolve("agent").resolve(file)))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }

        kubectl.okWithInput("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"talker","namespace":"default"},
                 "spec":{"nodeName":"%s","terminationGracePeriodSeconds":1,"containers":[{"name":"c","image":"busybox",
                 "command":["sh","-c","echo hello from the joined node; exec sleep 3602"]}]}}""".formatted(NODE),
                "apply", "-f", "-");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(kubectl.run("logs", "talker").out()).isEqualTo("hello from the joined node\n"));
        assertThat(kubectl.ok("exec", "talker", "--", "echo", "exec reaches it too")).isEqualTo("exec reaches it too\n");
    }

    @Test
    @Order(2)
    void certificatesAreRenewedWithoutARestartAndStored() throws Exception {
        X509Certificate first = servingCertificate();
        String firstClient = clientCertificate();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            X509Certificate now = servingCertificate();
            assertThat(now.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
            assertThat(issuedByCa(now)).isTrue();
            assertThat(clientCertificate()).isNotEqualTo(firstClient);
        });
        String csrs = kubectl.ok("get", "csr");
        assertThat(csrs).containsPattern("node-csr-\\S+\\s+\\S+\\s+kubernetes.io/kube-apiserver-client-kubelet\\s+"
                + "system:bootstrap:\\S+\\s+<none>\\s+Approved,Issued");
        assertThat(csrs).containsPattern("node-csr-\\S+\\s+\\S+\\s+kubernetes.io/kube-apiserver-client-kubelet\\s+"
                + "system:node:" + NODE + "\\s+<none>\\s+Approved,Issued");
        assertThat(kubectl.ok("get", "csr", "-o", "jsonpath={.items[?(@.spec.username==\"system:node:" + NODE
                + "\")].status.conditions[0].message}"))
                .contains("Auto approving self kubelet client certificate after SubjectAccessReview.")
                .contains("Auto approving kubelet serving certificate: the node asks for its own addresses.");

        // Once the first certificates expired, the node still reports and the API server still reaches it.
        Thread.sleep(Math.max(0, first.getNotAfter().getTime() + 5000 - System.currentTimeMillis()));
        assertThat(ready()).isEqualTo("True");
        assertThat(kubectl.ok("logs", "talker")).isEqualTo("hello from the joined node\n");
        assertThat(AGENTS.getLast().log()).contains("renewed the node's client certificate")
                .contains("renewed the node's serving certificate").doesNotContain("cannot renew");
        // What it serves is what a restart would use.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(servingCertificate().getSerialNumber())
                .isEqualTo(x509(Files.readString(dir.resolve("agent/kubelet-server.crt"))).getSerialNumber()));
    }

    @Test
    @Order(3)
    void servingRequestsForOtherNamesOrFromSomeoneElseWaitForAPerson() throws Exception {
        kubectl.okWithInput(servingCsr("from-admin", NODE_IP), "create", "-f", "-");
        try (Kubectl asNode = new Kubectl(Kubectl.V133, dir.resolve("agent/kubelet.kubeconfig"))) {
            asNode.okWithInput(servingCsr("other-name", "evil.example.com"), "create", "-f", "-");
        }
        Thread.sleep(3000);
        assertThat(kubectl.ok("get", "csr", "from-admin", "other-name")).contains("Pending").doesNotContain("Approved");

        kubectl.ok("certificate", "approve", "other-name");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kubectl.ok("get", "csr", "other-name")).contains("Approved,Issued"));
    }

    private static String servingCsr(String name, String san) {
        String request = KeyAndRequest.generate("system:node:" + NODE, List.of("system:nodes"), List.of(san)).requestPem();
        return """
                {"apiVersion":"certificates.k8s.io/v1","kind":"CertificateSigningRequest","metadata":{"name":"%s"},
                 "spec":{"request":"%s","signerName":"kubernetes.io/kubelet-serving",
                         "usages":["digital signature","server auth"]}}"""
                .formatted(name, Base64.getEncoder().encodeToString(request.getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean issuedByCa(X509Certificate cert) {
        try {
            cert.verify(ca.getPublicKey());
            return cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal());
        } catch (Exception e) {
            return false;
        }
    }

    private static String clientCertificate() throws Exception {
        return Files.readString(dir.resolve("agent/kubelet.kubeconfig"));
    }

    /** The certificate the node server presents in a TLS handshake (accepted whatever it is, to look at it). */
    private static X509Certificate servingCertificate() throws Exception {
        X509Certificate[] seen = new X509Certificate[1];
        TrustManager lookOnly = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen[0] = chain[0];
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{lookOnly}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(NODE_IP, port)) {
            socket.startHandshake();
        }
        return seen[0];
    }

    private static X509Certificate x509(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}

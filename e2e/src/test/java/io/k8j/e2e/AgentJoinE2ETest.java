package io.k8j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.apiserver.pki.KeyAndRequest;
import io.k8j.apiserver.pki.Kubeconfig;
import io.k8j.e2e.support.ComponentProcess;
import io.k8j.e2e.support.K8jCommand;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nodes join with bootstrap tokens: {@code k8j token create} prints a join command, an agent run with it gets its
 * client certificate through a CSR that the controllers approve and sign, and the node runs pods; wrong CA hashes,
 * garbage and deleted tokens are refused with one line each; a person's CSR is approved with kubectl and signed.
 */
class AgentJoinE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();
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

    private static Path newDir() throws Exception {
        Path dir = Files.createTempDirectory("k8j-e2e-join-");
        DIRS.add(dir);
        return dir;
    }

    private static K8jCommand k8j(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", server.kubeconfig().toString()));
        return K8jCommand.run(all.toArray(String[]::new));
    }

    /** The secure token `k8j token create` printed on its first line. */
    private static String createToken(String... extra) {
        List<String> args = new ArrayList<>(List.of("token", "create"));
        args.addAll(List.of(extra));
        K8jCommand created = k8j(args.toArray(String[]::new));
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        String token = created.stdout().lines().findFirst().orElseThrow();
        assertThat(token).matches("K10[0-9a-f]{64}::[a-z0-9]{6}\\.[a-z0-9]{16}");
        assertThat(created.stdout()).contains("k8j agent --server " + server.url() + " --token " + token);
        return token;
    }

    private static List<String> agentArgs(Path dir, String name, int port, String... join) {
        List<String> args = new ArrayList<>(List.of("agent", "--data-dir", dir.toString(), "--node-name", name,
                "--node-ip", "127.0.0.2", "--kubelet-port", Integer.toString(port), "--container-runtime", "simulated"));
        args.addAll(List.of(join));
        return args;
    }

    @Test
    void aNodeJoinsWithTheJoinCommandAndRunsAPod() throws Exception {
        String token = createToken("--description", "e2e node");
        String id = token.substring(token.indexOf("::") + 2, token.indexOf('.'));
        assertThat(k8j("token", "list").stdout()).contains(id + ".<secret>").contains("authentication,signing")
                .contains("e2e node").contains("system:bootstrappers:k8j:default-node-token")
                .doesNotContain(token.substring(token.indexOf('.') + 1));

        Path dir = newDir();
        int port = K8jServer.freePort();
        ComponentProcess agent = ComponentProcess.start(agentArgs(dir, "joined", port, "--server", server.url(), "--token", token));
        AGENTS.add(agent);
        await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> {
            assertThat(agent.isAlive()).as(agent.log()).isTrue();
            assertThat(kubectl.run("get", "node", "joined", "-o",
                    "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}").out()).isEqualTo("True");
        });
        Path nodeKubeconfig = dir.resolve("agent/kubelet.kubeconfig");
        assertThat(Files.getPosixFilePermissions(dir.resolve("agent/kubelet.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(nodeKubeconfig)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (Kubectl asNode = new Kubectl(Kubectl.V133, nodeKubeconfig)) {
            assertThat(asNode.ok("auth", "whoami", "-o", "jsonpath={.status.userInfo.username} {.status.userInfo.groups}"))
                    .isEqualTo("system:node:joined [\"system:nodes\",\"system:authenticated\"]");
        }

        String csrs = kubectl.ok("get", "csr");
        assertThat(csrs.lines().findFirst().orElseThrow().split("\\s+"))
                .containsExactly("NAME", "AGE", "SIGNERNAME", "REQUESTOR", "REQUESTEDDURATION", "CONDITION");
        assertThat(csrs).containsPattern("node-csr-\\S+\\s+\\S+\\s+kubernetes.io/kube-apiserver-client-kubelet\\s+"
                + "system:bootstrap:" + id + "\\s+<none>\\s+Approved,Issued");

        kubectl.okWithInput("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"pinned","namespace":"default"},
                 "spec":{"nodeName":"joined","containers":[{"name":"c","image":"busybox"}]}}""", "apply", "-f", "-");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                kubectl.run("get", "pod", "pinned", "-o", "jsonpath={.status.phase}").out()).isEqualTo("Running"));

        // A second start reuses the node's kubeconfig: the token, deleted meanwhile, is no longer needed.
        assertThat(k8j("token", "delete", id).stdout()).contains("bootstrap token \"" + id + "\" deleted");
        agent.close();
        ComponentProcess again = ComponentProcess.start(agentArgs(dir, "joined", port, "--server", server.url(), "--token", token));
        AGENTS.add(again);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(again.log())
                .contains("from an earlier join").contains("node server port " + port));
        assertThat(again.isAlive()).as(again.log()).isTrue();
    }

    @Test
    void wrongHashesGarbageAndDeletedTokensAreRefusedWithOneLine() throws Exception {
        String token = createToken();
        String wrongHash = "K10" + "0".repeat(64) + token.substring(token.indexOf("::"));
        K8jCommand wrong = K8jCommand.run(agentArgs(newDir(), "wrong-hash", K8jServer.freePort(),
                "--server", server.url(), "--token", wrongHash).toArray(String[]::new));
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.stderrLines()).containsExactly("k8j: the API server at " + server.url()
                + " does not present a CA with the token's hash sha256:" + "0".repeat(64)
                + "; check the token (or --ca-cert-hash) and --server");

        K8jCommand garbage = K8jCommand.run(agentArgs(newDir(), "garbage", K8jServer.freePort(),
                "--server", server.url(), "--token", "garbage").toArray(String[]::new));
        assertThat(garbage.exitCode()).isEqualTo(1);
        assertThat(garbage.stderrLines()).containsExactly("k8j: --token is not a bootstrap token "
                + "(K10<sha256>::<id>.<secret>, or <id>.<secret> with --ca-cert-hash)");

        String id = token.substring(token.indexOf("::") + 2, token.indexOf('.'));
        assertThat(k8j("token", "delete", token.substring(token.indexOf("::") + 2)).exitCode()).isZero();
        assertThat(k8j("token", "list").stdout()).doesNotContain(id + ".");
        K8jCommand deleted = K8jCommand.run(agentArgs(newDir(), "deleted", K8jServer.freePort(),
                "--server", server.url(), "--token", token).toArray(String[]::new));
        assertThat(deleted.exitCode()).isEqualTo(1);
        assertThat(deleted.stderrLines()).containsExactly("k8j: the API server at " + server.url()
                + " refused bootstrap token \"" + id + "\": it is unknown, deleted or expired (make one with `k8j token create`)");
        assertThat(kubectl.ok("get", "nodes", "-o", "name")).doesNotContain("wrong-hash", "garbage", "deleted");

        String expired = createToken("--ttl", "1s");
        String expiredId = expired.substring(expired.indexOf("::") + 2, expired.indexOf('.'));
        Thread.sleep(1500);
        K8jCommand late = K8jCommand.run(agentArgs(newDir(), "expired", K8jServer.freePort(),
                "--server", server.url(), "--token", expired).toArray(String[]::new));
        assertThat(late.exitCode()).isEqualTo(1);
        assertThat(late.stderrLines()).containsExactly("k8j: the API server at " + server.url()
                + " refused bootstrap token \"" + expiredId + "\": it is unknown, deleted or expired (make one with `k8j token create`)");
        // the tokencleaner deletes the expired token's Secret
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(k8j("token", "list").stdout()).doesNotContain(expiredId + "."));

        K8jCommand plain = K8jCommand.run(agentArgs(newDir(), "plain", K8jServer.freePort(),
                "--server", server.url(), "--token", "abcdef.0123456789abcdef").toArray(String[]::new));
        assertThat(plain.exitCode()).isEqualTo(1);
        assertThat(plain.stderrLines()).containsExactly("k8j: a plain <id>.<secret> token needs --ca-cert-hash "
                + "sha256:<64 hex digits> (`k8j token create` prints a token that carries it)");

        K8jCommand again = k8j("token", "delete", id);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderrLines()).containsExactly("k8j: bootstrap token \"" + id + "\" not found");
    }

    @Test
    void aPlainTokenJoinsWithItsCaHashAsKubeadmsDoes() throws Exception {
        String token = createToken();
        String hash = token.substring(3, token.indexOf("::"));
        ComponentProcess agent = ComponentProcess.start(agentArgs(newDir(), "plain-joined", K8jServer.freePort(),
                "--server", server.url(), "--token", token.substring(token.indexOf("::") + 2),
                "--ca-cert-hash", "sha256:" + hash));
        AGENTS.add(agent);
        await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> {
            assertThat(agent.isAlive()).as(agent.log()).isTrue();
            assertThat(kubectl.run("get", "node", "plain-joined", "-o",
                    "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}").out()).isEqualTo("True");
        });
    }

    @Test
    void aPersonsCsrIsSignedOnceApprovedWithKubectlAndADeniedOneIsNot() throws Exception {
        KeyAndRequest bob = KeyAndRequest.generate("bob", List.of("devs"));
        kubectl.okWithInput(csr("bob", bob.requestPem()), "create", "-f", "-");
        assertThat(kubectl.ok("get", "csr", "bob")).contains("Pending");
        assertThat(kubectl.ok("get", "csr", "bob", "-o", "jsonpath={.spec.username}")).isEqualTo("admin");

        assertThat(kubectl.ok("certificate", "approve", "bob")).contains("certificatesigningrequest.certificates.k8s.io/bob approved");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kubectl.ok("get", "csr", "bob")).contains("Approved,Issued").contains("10m"));
        String certPem = new String(Base64.getDecoder().decode(kubectl.ok("get", "csr", "bob", "-o",
                "jsonpath={.status.certificate}")), StandardCharsets.UTF_8);
        Path bobConfig = newDir().resolve("bob.kubeconfig");
        String caPem = Files.readString(server.dataDir().resolve("pki/ca.crt"));
        Kubeconfig.write(bobConfig, server.url(), caPem, certPem, bob.keyPem(), "default");
        try (Kubectl asBob = new Kubectl(Kubectl.V133, bobConfig)) {
            assertThat(asBob.ok("auth", "whoami", "-o", "jsonpath={.status.userInfo.username} {.status.userInfo.groups}"))
                    .isEqualTo("bob [\"devs\",\"system:authenticated\"]");
        }

        KeyAndRequest eve = KeyAndRequest.generate("eve", List.of());
        kubectl.okWithInput(csr("eve", eve.requestPem()), "create", "-f", "-");
        try (Kubectl old = new Kubectl(Kubectl.V127, server.kubeconfig())) {
            assertThat(old.ok("certificate", "deny", "eve")).contains("certificatesigningrequest.certificates.k8s.io/eve denied");
        }
        Thread.sleep(2000);
        assertThat(kubectl.ok("get", "csr", "eve")).contains("Denied").doesNotContain("Issued");
        assertThat(kubectl.run("certificate", "approve", "eve").err())
                .contains("certificate signing request \"eve\" is already Denied");
        // kubectl will not approve a denied request; a client that tries anyway gets kube's 422.
        ObjectNode denied = (ObjectNode) JSON.readTree(kubectl.ok("get", "csr", "eve", "-o", "json"));
        ((ArrayNode) denied.path("status").path("conditions")).addObject().put("type", "Approved").put("status", "True");
        Kubectl.Result both = kubectl.runWithInput(JSON.writeValueAsString(denied), "replace", "--raw",
                "/apis/certificates.k8s.io/v1/certificatesigningrequests/eve/approval", "-f", "-");
        assertThat(both.code()).isNotZero();
        assertThat(both.err()).contains("status.conditions[1].type: Invalid value: \"Approved\": "
                + "Approved and Denied conditions are mutually exclusive");
    }

    @Test
    void aRequestItsSignerDoesNotSignFailsOnceApproved() {
        String request = Base64.getEncoder().encodeToString(
                KeyAndRequest.generate("web", List.of()).requestPem().getBytes(StandardCharsets.UTF_8));
        kubectl.okWithInput("""
                {"apiVersion":"certificates.k8s.io/v1","kind":"CertificateSigningRequest","metadata":{"name":"web"},
                 "spec":{"request":"%s","signerName":"kubernetes.io/kube-apiserver-client","usages":["server auth"]}}"""
                .formatted(request), "create", "-f", "-");
        kubectl.ok("certificate", "approve", "web");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kubectl.ok("get", "csr", "web")).contains("Approved,Failed").doesNotContain("Issued"));
        assertThat(kubectl.ok("get", "csr", "web", "-o", "jsonpath={.status.conditions[?(@.type==\"Failed\")].reason}"))
                .isEqualTo("SignerValidationFailure");
    }

    @Test
    void badRequestsGetKubesValidationErrors() {
        Kubectl.Result garbage = kubectl.runWithInput("""
                {"apiVersion":"certificates.k8s.io/v1","kind":"CertificateSigningRequest","metadata":{"name":"bad"},
                 "spec":{"request":"bm90IGEgcmVxdWVzdA==","usages":["client auth","flying"]}}""", "create", "-f", "-");
        assertThat(garbage.code()).isNotZero();
        assertThat(garbage.err()).contains("The CertificateSigningRequest \"bad\" is invalid")
                .contains("spec.request: Invalid value: []byte{...}: PEM block type must be CERTIFICATE REQUEST")
                .contains("spec.signerName: Required value")
                .contains("spec.usages[1]: Unsupported value: \"flying\"");
    }

    private static String csr(String name, String requestPem) {
        return """
                {"apiVersion":"certificates.k8s.io/v1","kind":"CertificateSigningRequest","metadata":{"name":"%s"},
                 "spec":{"request":"%s","signerName":"kubernetes.io/kube-apiserver-client","expirationSeconds":600,
                         "usages":["client auth"],"username":"someone-else","groups":["system:masters"]}}"""
                .formatted(name, Base64.getEncoder().encodeToString(requestPem.getBytes(StandardCharsets.UTF_8)));
    }
}

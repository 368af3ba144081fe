package io.k8j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --audit-policy-file} and {@code --audit-log-path}: kubectl's requests as kube's audit Events, one JSON
 * line each, at the level the first matching rule gives: a secret at Metadata (its value never in the log), a
 * configMap at Request (with its body), the rest not at all.
 */
class AuditLogE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void eventsAtTheLevelsThePolicyGives() throws Exception {
        Path policy = Files.writeString(tmp.resolve("policy.yaml"), """
                apiVersion: audit.k8s.io/v1
                kind: Policy
                omitStages: [RequestReceived]
                rules:
                - level: Metadata
                  resources: [{group: "", resources: [secrets]}]
                - level: Request
                  verbs: [create]
                  resources: [{group: "", resources: [configmaps]}]
                - level: None
                """);
        Path log = tmp.resolve("audit").resolve("audit.log");
        String value = "audit-" + UUID.randomUUID();
        try (K8jServer server = K8jServer.start(null, List.of(K8jServer.CONTROL_PLANE_ONLY,
                "--audit-policy-file", policy.toString(), "--audit-log-path", log.toString()));
             Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.ok("create", "secret", "generic", "s", "--from-literal=password=" + value);
            kubectl.ok("create", "configmap", "c", "--from-literal=k=" + value);
            kubectl.ok("get", "pods");
            assertThat(kubectl.run("--as", "bob", "get", "secrets").err()).contains("forbidden");

            String text = Files.readString(log);
            assertThat(text).doesNotContain(java.util.Base64.getEncoder().encodeToString(value.getBytes()));
            List<JsonNode> events = text.lines().map(AuditLogE2ETest::parse).toList();
            assertThat(events).allSatisfy(e -> {
                assertThat(e.path("apiVersion").asText()).isEqualTo("audit.k8s.io/v1");
                assertThat(e.path("kind").asText()).isEqualTo("Event");
                assertThat(e.path("stage").asText()).isEqualTo("ResponseComplete");
            });
            JsonNode secret = events.stream().filter(e -> e.path("verb").asText().equals("create")
                    && e.at("/objectRef/resource").asText().equals("secrets")).findFirst().orElseThrow();
            assertThat(secret.path("level").asText()).isEqualTo("Metadata");
            assertThat(secret.at("/user/username").asText()).isEqualTo("admin");
            assertThat(secret.at("/user/groups").toString()).contains("system:masters");
            assertThat(secret.at("/objectRef/namespace").asText()).isEqualTo("default");
            assertThat(secret.at("/objectRef/apiVersion").asText()).isEqualTo("v1");
            assertThat(secret.at("/responseStatus/code").asInt()).isEqualTo(201);
            assertThat(secret.path("requestURI").asText()).startsWith("/api/v1/namespaces/default/secrets");
            assertThat(secret.path("sourceIPs").get(0).asText()).isEqualTo("127.0.0.1");
            assertThat(secret.path("userAgent").asText()).startsWith("kubectl");
            assertThat(secret.has("requestObject")).isFalse();
            assertThat(secret.path("auditID").asText()).hasSize(36);
            assertThat(secret.path("requestReceivedTimestamp").asText()).matches("\\d{4}-.*T.*\\.\\d{6}Z");

            JsonNode configMap = events.stream().filter(e -> e.at("/objectRef/resource").asText().equals("configmaps"))
                    .findFirst().orElseThrow();
            assertThat(configMap.path("level").asText()).isEqualTo("Request");
            assertThat(configMap.at("/requestObject/data/k").asText()).isEqualTo(value);
            assertThat(events).noneMatch(e -> e.at("/objectRef/resource").asText().equals("pods"));
            // a refusal by authorization is audited too
            assertThat(events).anySatisfy(e -> {
                assertThat(e.path("verb").asText()).isEqualTo("list");
                assertThat(e.at("/objectRef/resource").asText()).isEqualTo("secrets");
                assertThat(e.at("/responseStatus/code").asInt()).isEqualTo(403);
            });
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}

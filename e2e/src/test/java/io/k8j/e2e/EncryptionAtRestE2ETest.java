package io.k8j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8j.e2e.support.K8jCommand;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import io.k8j.storage.etcd.EtcdExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets encrypted at rest with kube's EncryptionConfiguration: a secret created with kubectl is found neither in
 * the SQLite files nor through {@code etcdctl get}, while kubectl reads it back; a key that no longer decrypts it is
 * kube's 500 for that secret only.
 */
class EncryptionAtRestE2ETest {
    @RegisterExtension
    static final EtcdExtension ETCD = new EtcdExtension();

    @TempDir
    Path tmp;

    private final String value = "at-rest-" + UUID.randomUUID();

    @Test
    void onSqliteNeitherTheDatabaseNorItsWalHoldsTheValue() throws Exception {
        Path dataDir = Files.createTempDirectory("k8j-e2e-atrest-");
        Path config = config("aescbc", key(1));
        List<String> flags = List.of(K8jServer.CONTROL_PLANE_ONLY, "--encryption-provider-config", config.toString());
        try (K8jServer server = K8jServer.start(dataDir, flags);
             Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.ok("create", "secret", "generic", "s", "--from-literal=password=" + value);
            kubectl.ok("create", "configmap", "c", "--from-literal=visible=" + value);

            assertThat(kubectl.ok("get", "secret", "s", "-o", "yaml")).contains(base64(value));
            byte[] files = sqliteFiles(dataDir);
            assertThat(contains(files, "k8s:enc:aescbc:v1:key1:")).isTrue();
            assertThat(contains(files, value)).as("configmaps are not listed: stored as they are").isTrue();
            assertThat(contains(files, base64(value))).as("the secret's value").isFalse();
            server.stop();
        }
        try {
            Files.writeString(config, Files.readString(config).replace(key(1), key(2)));
            try (K8jServer server = K8jServer.start(dataDir, flags);
                 Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
                Kubectl.Result r = kubectl.run("get", "secret", "s");
                assertThat(r.code()).isNotZero();
                assertThat(r.err()).contains("Error from server (InternalError): Internal error occurred: "
                        + "unable to transform key \"/registry/core/secrets/default/s\": invalid padding on input");
                assertThat(kubectl.ok("get", "configmap", "c", "-o", "jsonpath={.data.visible}")).isEqualTo(value);
                server.stop();
            }
        } finally {
            K8jServer.killall(dataDir);
            K8jServer.deleteTree(dataDir);
        }
    }

    @Test
    void onEtcdEtcdctlShowsOnlyCiphertext() throws Exception {
        Path config = config("secretbox", key(3));
        try (K8jServer server = K8jServer.start(null, List.of(K8jServer.CONTROL_PLANE_ONLY,
                "--datastore-endpoint", ETCD.url(), "--encryption-provider-config", config.toString()));
             Kubectl kubectl = new Kubectl(Kubectl.V127, server.kubeconfig())) {
            String ns = "atrest-" + UUID.randomUUID().toString().substring(0, 8);
            kubectl.ok("create", "namespace", ns);
            kubectl.ok("-n", ns, "create", "secret", "generic", "s", "--from-literal=password=" + value);

            assertThat(kubectl.ok("-n", ns, "get", "secret", "s", "-o", "jsonpath={.data.password}")).isEqualTo(base64(value));
            byte[] stored = etcdctlGet("/registry/core/secrets/" + ns + "/s");
            assertThat(contains(stored, "k8s:enc:secretbox:v1:key1:")).isTrue();
            assertThat(contains(stored, base64(value))).isFalse();
            assertThat(contains(stored, value)).isFalse();
        }
    }

    @Test
    void secretsEncryptEnablesThenRotatesKeysKeepingEverySecretReadable() throws Exception {
        Path dataDir = Files.createTempDirectory("k8j-e2e-rotate-");
        String dir = dataDir.toString();
        List<String> flags = List.of(K8jServer.CONTROL_PLANE_ONLY);
        try {
            try (K8jServer server = K8jServer.start(dataDir, flags);
                 Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
                kubectl.ok("create", "secret", "generic", "before", "--from-literal=password=" + value);
                assertThat(K8jServer.cli("secrets-encrypt", "status", "--data-dir", dir)).contains("Encryption Status: Disabled");
                assertThat(K8jServer.cli("secrets-encrypt", "enable", "--data-dir", dir)).contains("secrets encryption enabled");

                K8jCommand refused = K8jCommand.run("secrets-encrypt", "rotate-keys", "--data-dir", dir);
                assertThat(refused.exitCode()).as("this server started before enable: it does not encrypt").isEqualTo(1);
                assertThat(refused.stderr()).contains("the server did not start using the new key");
                server.stop();
            }
            String firstKey = activeKey(dir);
            try (K8jServer server = K8jServer.start(dataDir, flags);
                 Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
                kubectl.ok("create", "secret", "generic", "after", "--from-literal=password=" + value + "-after");
                assertThat(contains(sqliteFiles(dataDir), "k8s:enc:aescbc:v1:" + firstKey + ":")).isTrue();
                assertThat(contains(sqliteFiles(dataDir), base64(value + "-after"))).isFalse();

                assertThat(K8jServer.cli("secrets-encrypt", "rotate-keys", "--data-dir", dir))
                        .containsPattern("re-encrypted \\d+ secrets").contains("removed the old keys");
                String secondKey = activeKey(dir);
                assertThat(secondKey).isNotEqualTo(firstKey);
                assertThat(K8jServer.cli("secrets-encrypt", "status", "--data-dir", dir)).doesNotContain(firstKey);
                assertThat(contains(sqliteFiles(dataDir), "k8s:enc:aescbc:v1:" + secondKey + ":")).isTrue();
                assertReadable(kubectl);
                server.stop();
            }
            try (K8jServer server = K8jServer.start(dataDir, flags);
                 Kubectl kubectl = new Kubectl(Kubectl.V127, server.kubeconfig())) {
                assertReadable(kubectl); // with only the new key configured: both were rewritten with it
                server.stop();
            }
        } finally {
            K8jServer.killall(dataDir);
            K8jServer.deleteTree(dataDir);
        }
    }

    private void assertReadable(Kubectl kubectl) {
        assertThat(kubectl.ok("get", "secret", "before", "-o", "jsonpath={.data.password}")).isEqualTo(base64(value));
        assertThat(kubectl.ok("get", "secret", "after", "-o", "jsonpath={.data.password}")).isEqualTo(base64(value + "-after"));
    }

    /** The name on the status line marked active ("&nbsp;*"). */
    private static String activeKey(String dataDir) {
        String status = K8jServer.cli("secrets-encrypt", "status", "--data-dir", dataDir);
        assertThat(status).contains("Encryption Status: Enabled");
        return status.lines().filter(l -> l.startsWith(" *")).findFirst().orElseThrow().replaceAll(".*\\s", "");
    }

    private Path config(String provider, String key) throws IOException {
        return Files.writeString(tmp.resolve("encryption.yaml"), """
                apiVersion: apiserver.config.k8s.io/v1
                kind: EncryptionConfiguration
                resources:
                - resources: [secrets]
                  providers:
                  - %s:
                      keys:
                      - name: key1
                        secret: %s
                  - identity: {}
                """.formatted(provider, key));
    }

    private static String key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** state.db with its WAL: everything SQLite has written. */
    private static byte[] sqliteFiles(Path dataDir) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String name : List.of("state.db", "state.db-wal")) {
            Path file = dataDir.resolve("db").resolve(name);
            if (Files.exists(file)) {
                all.write(Files.readAllBytes(file));
            }
        }
        return all.toByteArray();
    }

    private static byte[] etcdctlGet(String key) throws Exception {
        Process p = new ProcessBuilder("etcdctl", "--endpoints", ETCD.url(), "get", key)
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(out, StandardCharsets.ISO_8859_1)).isZero();
        assertThat(new String(out, StandardCharsets.ISO_8859_1)).startsWith(key);
        return out;
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }
}

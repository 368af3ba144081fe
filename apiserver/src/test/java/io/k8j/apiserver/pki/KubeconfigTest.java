package io.k8j.apiserver.pki;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class KubeconfigTest {
    private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
    private static final String SERVER = "https://127.0.0.1:6443";

    @TempDir
    Path dir;

    @Test
    void kubectlReadsTheCredentialsBack() throws Exception {
        ClusterPki pki = ClusterPki.loadOrCreate(dir.resolve("pki"), List.of(), List.of());
        Path file = dir.resolve("k8j.yaml");
        Kubeconfig.write(file, SERVER, pki.caCertPem(), pki.adminCertPem(), pki.adminKeyPem(), "default");

        JsonNode raw = kubectl(file, "config", "view", "--raw");

        assertThat(raw.path("current-context").asText()).isEqualTo("default");
        assertThat(raw.at("/clusters/0/name").asText()).isEqualTo("default");
        assertThat(raw.at("/clusters/0/cluster/server").asText()).isEqualTo(SERVER);
        assertThat(decode(raw.at("/clusters/0/cluster/certificate-authority-data"))).isEqualTo(pki.caCertPem());
        assertThat(raw.at("/users/0/name").asText()).isEqualTo("default");
        assertThat(decode(raw.at("/users/0/user/client-certificate-data"))).isEqualTo(pki.adminCertPem());
        assertThat(decode(raw.at("/users/0/user/client-key-data"))).isEqualTo(pki.adminKeyPem());
        assertThat(raw.at("/contexts/0/context/cluster").asText()).isEqualTo("default");
        assertThat(raw.at("/contexts/0/context/user").asText()).isEqualTo("default");
    }

    @Test
    void kubectlHidesTheSecretsWithoutRaw() throws Exception {
        Path file = dir.resolve("k8j.yaml");
        Kubeconfig.write(file, SERVER, "ca", "cert", "key", "default");

        JsonNode view = kubectl(file, "config", "view");

        assertThat(view.at("/clusters/0/cluster/certificate-authority-data").asText()).isEqualTo("DATA+OMITTED");
        assertThat(view.at("/users/0/user/client-key-data").asText()).isIn("DATA+OMITTED", "REDACTED");
    }

    @Test
    void replacesAnExistingFileWithMode0600AndLeavesNoTempFiles() throws Exception {
        Path file = dir.resolve("k8j.yaml");
        Files.writeString(file, "stale");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        Kubeconfig.write(file, SERVER, "ca", "cert", "key", "default");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Json.YAML.readTree(file.toFile()).path("kind").asText()).isEqualTo("Config");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    private static String decode(JsonNode base64) {
        return new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.UTF_8);
    }

    private static JsonNode kubectl(Path kubeconfig, String... args) throws Exception {
        assumeTrue(Files.isExecutable(KUBECTL), "kubectl not installed");
        List<String> command = new java.util.ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        return Json.YAML.readTree(out);
    }
}

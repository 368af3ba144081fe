package io.k8j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The data dir holds the database (every secret) and the cluster's private keys: after a server start, even on a
 * data dir someone made world-readable, another local user ({@code nobody}) can read none of it.
 */
class DataDirModesE2ETest {

    @Test
    void stateAndKeysAreTheOwnersAloneEvenInADataDirMadeLooser() throws Exception {
        Path dir = Files.createTempDirectory("k8j-e2e-modes-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (K8jServer server = K8jServer.start(dir, List.of(K8jServer.CONTROL_PLANE_ONLY));
             Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.ok("create", "secret", "generic", "s", "--from-literal=password=hunter2");
            Path db = dir.resolve("db");

            assertThat(mode(dir)).isEqualTo("rwx------");
            assertThat(mode(db)).isEqualTo("rwx------");
            assertThat(mode(dir.resolve("pki"))).isEqualTo("rwx------");
            for (String file : List.of("state.db", "state.db-wal", "state.db-shm")) {
                assertThat(mode(db.resolve(file))).as(file).isEqualTo("rw-------");
            }
            try (var keys = Files.newDirectoryStream(dir.resolve("pki"), "*.key")) {
                for (Path key : keys) {
                    assertThat(mode(key)).as(key.toString()).isEqualTo("rw-------");
                }
            }
            assertThat(runAsNobody("cat", db.resolve("state.db").toString())).contains("Permission denied");
            assertThat(runAsNobody("cat", dir.resolve("pki/ca.key").toString())).contains("Permission denied");
        } finally {
            K8jServer.deleteTree(dir);
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** Runs a command as user nobody; returns its output after requiring that it failed. */
    private static String runAsNobody(String... command) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isNotZero();
        return out;
    }
}

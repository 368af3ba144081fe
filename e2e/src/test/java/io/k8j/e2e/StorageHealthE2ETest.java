package io.k8j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import io.k8j.storage.etcd.EtcdCluster;
import io.k8j.storage.etcd.EtcdProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * /readyz and /livez tell the truth about the datastore, as real kubectl 1.27 and 1.33 read them: they fail while
 * SQLite's disk is full (a small tmpfs mounted for the database) or etcd has lost its quorum (a three-member cluster
 * on loopback, two members stopped), and pass again once it can store writes; meanwhile a write to etcd answers
 * kube's 504 Timeout, not a 500.
 */
class StorageHealthE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> KUBECTLS = List.of(Kubectl.V127, Kubectl.V133);

    @Test
    void sqliteOnAFullDiskIsNotReadyUntilItCanWriteAgain() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        Path dataDir = Files.createTempDirectory("k8j-health-e2e-");
        Path db = Files.createDirectories(dataDir.resolve("db"));
        Path big = Files.createTempFile("k8j-health-big", ".txt");
        run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", db.toString());
        K8jServer server = null;
        try {
            server = K8jServer.start(dataDir, List.of(K8jServer.CONTROL_PLANE_ONLY));
            Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig());
            assertReady(server, "[+]sqlite ok\n");

            Path filler = db.resolve("filler");
            fill(filler);
            // The database still has room inside its files; writes shrinking in size use it up, until the
            // smallest does not fit either.
            int written = 0;
            for (int size : new int[] {900_000, 64_000, 1_000}) {
                Files.writeString(big, "x".repeat(size));
                Kubectl.Result r;
                do {
                    r = kubectl.run("create", "configmap", "big-" + written++, "--from-file=k=" + big);
                } while (r.code() == 0 && written < 200);
                assertThat(r.err()).contains("failed to create configmap: Internal error occurred: sqlite write failed:")
                        .contains("SQLITE_FULL");
            }
            await().atMost(WAIT).untilAsserted(() -> assertNotReady(kubectl, "[-]sqlite failed: reason withheld"));
            for (String binary : KUBECTLS) {
                try (Kubectl k = new Kubectl(binary, server.kubeconfig())) {
                    assertNotReady(k, "[+]ping ok\\n[-]sqlite failed: reason withheld\\nreadyz check failed");
                    assertThat(k.run("get", "--raw", "/livez/sqlite").err()).contains("internal server error: sqlite write failed:");
                }
            }

            Files.delete(filler);
            assertThat(kubectl.ok("create", "configmap", "after", "--from-literal=k=v")).contains("configmap/after created");
            await().atMost(WAIT).untilAsserted(() -> assertReady(kubectl, "[+]sqlite ok\n"));
            kubectl.close();
        } finally {
            if (server != null) {
                server.close();
            }
            run("umount", db.toString());
            K8jServer.deleteTree(dataDir);
            Files.deleteIfExists(big);
        }
    }

    @Test
    void etcdWithoutQuorumIsNotReadyAndItsWritesTimeOut() throws Exception {
        EtcdProcess.assumeAvailable();
        try (EtcdCluster etcd = EtcdCluster.start(3);
             K8jServer server = K8jServer.start(null, List.of(K8jServer.CONTROL_PLANE_ONLY, "--datastore-endpoint", etcd.endpoints()));
             Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            assertReady(server, "[+]etcd ok\n");

            etcd.stop(1);
            etcd.stop(2);
            await().atMost(WAIT).untilAsserted(() -> assertNotReady(kubectl, "[-]etcd failed: reason withheld"));
            for (String binary : KUBECTLS) {
                try (Kubectl k = new Kubectl(binary, server.kubeconfig())) {
                    assertNotReady(k, "[+]ping ok\\n[-]etcd failed: reason withheld\\nreadyz check failed");
                    assertThat(k.run("get", "--raw", "/livez/etcd").err()).contains("internal server error: etcd");
                }
            }
            Kubectl.Result write = kubectl.run("create", "configmap", "during", "--from-literal=k=v");
            assertThat(write.code()).isNotZero();
            assertThat(write.err()).contains("Timeout: request did not complete within requested timeout - etcd");

            etcd.restart(1);
            etcd.restart(2);
            await().atMost(WAIT).untilAsserted(() -> assertReady(kubectl, "[+]etcd ok\n"));
            assertThat(kubectl.ok("create", "configmap", "after", "--from-literal=k=v")).contains("configmap/after created");
        }
    }

    private static void assertReady(K8jServer server, String line) {
        try (Kubectl k = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            assertReady(k, line);
        }
    }

    private static void assertReady(Kubectl kubectl, String line) {
        assertThat(kubectl.ok("get", "--raw", "/readyz?verbose")).contains("[+]ping ok\n", line).endsWith("readyz check passed\n");
        assertThat(kubectl.ok("get", "--raw", "/livez")).isEqualTo("ok");
    }

    /** kubectl prints the body of a failed health check quoted, with its newlines escaped. */
    private static void assertNotReady(Kubectl kubectl, String text) {
        Kubectl.Result r = kubectl.run("get", "--raw", "/readyz?verbose");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("Error from server (InternalError)", text);
    }

    /** Writes into {@code file} until the file system is full: big chunks, then pages for what is left. */
    private static void fill(Path file) {
        for (int chunk : new int[] {1024 * 1024, 4096}) {
            try (OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND)) {
                byte[] bytes = new byte[chunk];
                while (true) {
                    out.write(bytes);
                }
            } catch (IOException full) {
                // no space left for another chunk of this size
            }
        }
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}

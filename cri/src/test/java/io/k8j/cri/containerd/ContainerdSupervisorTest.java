package io.k8j.cri.containerd;

import io.k8j.cri.CriClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real containerd (Debian's) run by the supervisor in a temp dir: served, restarted when killed, stopped. */
class ContainerdSupervisorTest {
    @TempDir
    Path dir;

    @Test
    void servesTheCriRestartsAfterAKillAndStops() throws Exception {
        Containerd.assumeAvailable();
        ContainerdLayout layout = new ContainerdLayout(dir);
        ContainerdConfig.write(layout, "docker.io/k8j/pause:test", false);
        long first;
        try (ContainerdSupervisor s = ContainerdSupervisor.start(layout, Duration.ofSeconds(30))) {
            first = s.pid();
            try (CriClient c = CriClient.connect(layout.endpoint(), Duration.ofSeconds(5))) {
                assertThat(c.version().getRuntimeName()).isEqualTo("containerd");
            }
            assertThat(Files.readString(layout.pidFile())).isEqualTo(Long.toString(first));

            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(30)).until(() -> s.pid() != first);
            s.awaitReady(Duration.ofSeconds(30));
            assertThat(Files.readString(layout.log())).contains("containerd successfully booted");
        }
        assertThat(ProcessHandle.of(first)).isEmpty();
        assertThat(layout.pidFile()).doesNotExist();
        assertThat(Files.exists(layout.socket()) && ContainerdSupervisorTest.answers(layout)).isFalse();
    }

    @Test
    void aContainerdLeftByAKilledNodeIsStoppedBeforeANewOneStarts() throws Exception {
        Containerd.assumeAvailable();
        ContainerdLayout layout = new ContainerdLayout(dir);
        ContainerdConfig.write(layout, "docker.io/k8j/pause:test", false);
        Process orphan = new ProcessBuilder("containerd", "--config", layout.config().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Files.createDirectories(layout.dir());
            Files.writeString(layout.pidFile(), Long.toString(orphan.pid()));
            try (ContainerdSupervisor s = ContainerdSupervisor.start(layout, Duration.ofSeconds(30))) {
                assertThat(orphan.waitFor(15, TimeUnit.SECONDS)).isTrue();
                assertThat(s.pid()).isNotEqualTo(orphan.pid());
            }
        } finally {
            orphan.destroyForcibly();
            orphan.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean answers(ContainerdLayout layout) {
        try (CriClient c = CriClient.connect(layout.endpoint(), Duration.ofSeconds(1))) {
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void theConfigKeepsEverythingUnderTheDataDir() {
        ContainerdLayout layout = new ContainerdLayout(Path.of("/var/lib/k8j"));
        String toml = ContainerdConfig.render(layout, "docker.io/k8j/pause:1", true, true);
        assertThat(toml).contains("root = \"/var/lib/k8j/agent/containerd/root\"",
                "state = \"/var/lib/k8j/agent/containerd/state\"",
                "address = \"/var/lib/k8j/agent/containerd/containerd.sock\"",
                "sandbox_image = \"docker.io/k8j/pause:1\"", "SystemdCgroup = true", "restrict_oom_score_adj = true",
                "Root = \"/var/lib/k8j/agent/containerd/state/runc\"",
                "conf_dir = \"/var/lib/k8j/agent/etc/cni/net.d\"");
    }

    @Test
    void aSocketPathTooLongForUnixSocketsMovesUnderRun() {
        ContainerdLayout layout = new ContainerdLayout(Path.of("/tmp/" + "d".repeat(90)));
        assertThat(layout.socket().toString()).startsWith("/run/k8j/").endsWith("/containerd.sock");
        assertThat(layout.socket().toString().length()).isLessThan(100);
    }
}

package io.k8j.kubelet.pod;

import io.k8j.kubelet.runtime.SandboxConfig;
import io.k8j.kubelet.runtime.simulated.SimulatedRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OrphanedPodDirsTest {
    @TempDir
    Path data;

    @Test
    void directoriesOfPodsNeitherKnownNorInTheRuntimeGoAndTheOthersStay() throws Exception {
        for (String uid : new String[]{"known", "sandboxed", "gone"}) {
            Files.createDirectories(data.resolve("pods").resolve(uid).resolve("c/volumes"));
            Files.createDirectories(data.resolve("logs/pods").resolve("ns_pod-" + uid + "_" + uid).resolve("c"));
            Files.writeString(data.resolve("logs/pods").resolve("ns_pod-" + uid + "_" + uid).resolve("c/0.log"), "x");
        }
        SimulatedRuntime runtime = new SimulatedRuntime(0, Clock.systemUTC());
        runtime.runPodSandbox(new SandboxConfig("pod-sandboxed", "ns", "sandboxed", 0, "h", Map.of(), data));

        new OrphanedPodDirs(data, runtime, () -> Set.of("known")).clean();

        assertThat(data.resolve("pods")).isDirectoryNotContaining(p -> p.getFileName().toString().equals("gone"));
        assertThat(data.resolve("pods/known")).isDirectory();
        assertThat(data.resolve("pods/sandboxed")).isDirectory();
        assertThat(data.resolve("logs/pods/ns_pod-gone_gone")).doesNotExist();
        assertThat(data.resolve("logs/pods/ns_pod-known_known/c/0.log")).exists();
        assertThat(data.resolve("logs/pods/ns_pod-sandboxed_sandboxed")).isDirectory();
    }

    @Test
    void nothingToCleanWithoutTheDirectories() {
        new OrphanedPodDirs(data.resolve("absent"), new SimulatedRuntime(0, Clock.systemUTC()), Set::of).clean();
        assertThat(data.resolve("absent")).doesNotExist();
    }

    @Test
    void theNextAttemptFollowsTheHighestLogInTheDirectory() throws Exception {
        Path dir = data.resolve("ns_p_uid/c");
        assertThat(LogDirRestarts.nextAttempt(dir)).isZero();
        Files.createDirectories(dir);
        assertThat(LogDirRestarts.nextAttempt(dir)).isZero();
        for (String name : new String[]{"0.log", "3.log", "10.log.20260101-000000", "notes.txt", "x1.log"}) {
            Files.writeString(dir.resolve(name), "");
        }
        assertThat(LogDirRestarts.nextAttempt(dir)).isEqualTo(11);
    }
}

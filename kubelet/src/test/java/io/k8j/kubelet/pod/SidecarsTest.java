package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SidecarsTest {
    private static ContainerStatus container(String name, ContainerState state, int exitCode) {
        return new ContainerStatus(name, "s1", name, 0, state, Instant.EPOCH, Instant.EPOCH, null, exitCode,
                null, null, "busybox", "process://busybox", Path.of(name + "/0.log"), Map.of());
    }

    /** a and b: the app containers' states ("-" not created yet, RUNNING, or the exit code). */
    @ParameterizedTest(name = "restartPolicy {0}, a {1}, b {2}: app done {3}")
    @CsvSource({
            "Never, 0, 0, true",
            "Never, 1, 0, true",
            "Never, 0, RUNNING, false",
            "Never, 0, -, false",
            "OnFailure, 0, 0, true",
            "OnFailure, 0, 3, false",   // b is restarted
            "Always, 0, 0, false"})
    void theSidecarsStopOnceNoAppContainerWillRunAgain(String policy, String a, String b, boolean done) {
        PodSpec spec = new PodSpecBuilder().withRestartPolicy(policy)
                .addNewInitContainer().withName("side").withRestartPolicy("Always").endInitContainer()
                .addNewContainer().withName("a").endContainer().addNewContainer().withName("b").endContainer().build();
        Map<String, List<ContainerStatus>> attempts = new HashMap<>();
        attempts.put("side", List.of(container("side", ContainerState.RUNNING, 0)));
        put(attempts, "a", a);
        put(attempts, "b", b);
        assertThat(Sidecars.appDone(spec, attempts)).isEqualTo(done);
    }

    private static void put(Map<String, List<ContainerStatus>> attempts, String name, String state) {
        if (state.equals("RUNNING")) {
            attempts.put(name, List.of(container(name, ContainerState.RUNNING, 0)));
        } else if (!state.equals("-")) {
            attempts.put(name, List.of(container(name, ContainerState.EXITED, Integer.parseInt(state))));
        }
    }
}

package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class InitContainersTest {
    private static final PodSpec SPEC = new PodSpecBuilder()
            .addNewInitContainer().withName("one").endInitContainer()
            .addNewInitContainer().withName("two").endInitContainer()
            .addNewContainer().withName("app").endContainer().build();

    private static ContainerStatus attempt(String name, int attempt, ContainerState state, int exitCode) {
        return new ContainerStatus(name + attempt, "s1", name, attempt, state, Instant.EPOCH, Instant.EPOCH, null, exitCode,
                null, null, "busybox", "process://busybox", Path.of(name + "/0.log"), Map.of());
    }

    /** the sandbox's attempts by name (newest first), the init container worked on next (null: init is done). */
    static Stream<Object[]> table() {
        return Stream.of(
                new Object[]{Map.of(), "one"},
                new Object[]{Map.of("one", List.of(attempt("one", 0, ContainerState.RUNNING, 0))), "one"},
                new Object[]{Map.of("one", List.of(attempt("one", 0, ContainerState.EXITED, 1))), "one"},
                new Object[]{Map.of("one", List.of(attempt("one", 1, ContainerState.EXITED, 0),
                        attempt("one", 0, ContainerState.EXITED, 1))), "two"},
                new Object[]{Map.of("one", List.of(attempt("one", 0, ContainerState.EXITED, 0)),
                        "two", List.of(attempt("two", 0, ContainerState.CREATED, 0))), "two"},
                new Object[]{Map.of("one", List.of(attempt("one", 0, ContainerState.EXITED, 0)),
                        "two", List.of(attempt("two", 0, ContainerState.EXITED, 0))), null},
                // A regular container ran already: init is not repeated.
                new Object[]{Map.of("app", List.of(attempt("app", 0, ContainerState.EXITED, 1))), null});
    }

    @ParameterizedTest
    @MethodSource("table")
    void theFirstInitContainerNotExitedZeroIsNext(Map<String, List<ContainerStatus>> attempts, String next) {
        assertThat(InitContainers.next(SPEC, attempts).map(Container::getName).orElse(null)).isEqualTo(next);
    }

    @ParameterizedTest
    @MethodSource("table")
    void aPodWithoutInitContainersIsInitialized(Map<String, List<ContainerStatus>> attempts, String ignored) {
        PodSpec plain = new PodSpecBuilder().addNewContainer().withName("app").endContainer().build();
        assertThat(InitContainers.next(plain, attempts)).isEmpty();
    }
}

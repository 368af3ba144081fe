package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;
import org.junit.jupiter.api.Test;
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
    /** A sidecar between two plain init containers. */
    private static final PodSpec WITH_SIDECAR = new PodSpecBuilder()
            .addNewInitContainer().withName("one").endInitContainer()
            .addNewInitContainer().withName("side").withRestartPolicy("Always").endInitContainer()
            .addNewInitContainer().withName("two").endInitContainer()
            .addNewContainer().withName("app").endContainer().build();

    private static ContainerStatus attempt(String name, int attempt, ContainerState state, int exitCode) {
        return new ContainerStatus(name + attempt, "s1", name, attempt, state, Instant.EPOCH, Instant.EPOCH, null, exitCode,
                null, null, "busybox", "process://busybox", Path.of(name + "/0.log"), Map.of());
    }

    private static ContainerStatus running(String name) {
        return attempt(name, 0, ContainerState.RUNNING, 0);
    }

    private static ContainerStatus exited(String name, int exitCode) {
        return attempt(name, 0, ContainerState.EXITED, exitCode);
    }

    /** the sandbox's attempts by name (newest first), the init containers worked on, whether initialized. */
    static Stream<Object[]> table() {
        return Stream.of(
                new Object[]{Map.of(), List.of("one"), false},
                new Object[]{Map.of("one", List.of(running("one"))), List.of("one"), false},
                new Object[]{Map.of("one", List.of(exited("one", 1))), List.of("one"), false},
                new Object[]{Map.of("one", List.of(attempt("one", 1, ContainerState.EXITED, 0), exited("one", 1))), List.of("two"), false},
                new Object[]{Map.of("one", List.of(exited("one", 0)), "two", List.of(attempt("two", 0, ContainerState.CREATED, 0))),
                        List.of("two"), false},
                new Object[]{Map.of("one", List.of(exited("one", 0)), "two", List.of(exited("two", 0))), List.of(), true},
                // A regular container ran already: init is not repeated.
                new Object[]{Map.of("app", List.of(exited("app", 1))), List.of(), true});
    }

    @ParameterizedTest
    @MethodSource("table")
    void plainInitContainersRunOneAfterTheOther(Map<String, List<ContainerStatus>> attempts, List<String> work,
                                                boolean initialized) {
        InitContainers.Plan plan = InitContainers.plan(SPEC, attempts, (c, s) -> true);
        assertThat(plan.work()).extracting(Container::getName).isEqualTo(work);
        assertThat(plan.initialized()).isEqualTo(initialized);
    }

    @ParameterizedTest
    @MethodSource("table")
    void aPodWithoutInitContainersIsInitialized(Map<String, List<ContainerStatus>> attempts, List<String> ignored,
                                                boolean ignoredToo) {
        PodSpec plain = new PodSpecBuilder().addNewContainer().withName("app").endContainer().build();
        assertThat(InitContainers.plan(plain, attempts, (c, s) -> true)).isEqualTo(new InitContainers.Plan(List.of(), true));
    }

    /** attempts, whether the sidecar has started, the init containers worked on, whether initialized. */
    static Stream<Object[]> sidecarTable() {
        Map<String, List<ContainerStatus>> oneDone = Map.of("one", List.of(exited("one", 0)));
        return Stream.of(
                new Object[]{oneDone, false, List.of("side"), false},
                // Running but its startup probe has not passed: the next one waits.
                new Object[]{with(oneDone, "side", running("side")), false, List.of("side"), false},
                new Object[]{with(oneDone, "side", running("side")), true, List.of("side", "two"), false},
                // It exited before it started: restarted, still in the way.
                new Object[]{with(oneDone, "side", exited("side", 0)), false, List.of("side"), false},
                // The next one runs; the sidecar is kept running (restarted when it exited) beside it.
                new Object[]{with(with(oneDone, "side", running("side")), "two", running("two")), true,
                        List.of("side", "two"), false},
                new Object[]{with(with(oneDone, "side", exited("side", 2)), "two", running("two")), false,
                        List.of("side", "two"), false},
                new Object[]{with(with(oneDone, "side", running("side")), "two", exited("two", 0)), true,
                        List.of("side"), true},
                // Init is over once an app container ran: only the sidecar is kept.
                new Object[]{Map.of("app", List.of(running("app"))), false, List.of("side"), true});
    }

    @ParameterizedTest
    @MethodSource("sidecarTable")
    void aSidecarMustStartBeforeTheNextOneAndIsKeptRunning(Map<String, List<ContainerStatus>> attempts, boolean started,
                                                          List<String> work, boolean initialized) {
        InitContainers.Plan plan = InitContainers.plan(WITH_SIDECAR, attempts, (c, s) -> started);
        assertThat(plan.work()).extracting(Container::getName).isEqualTo(work);
        assertThat(plan.initialized()).isEqualTo(initialized);
    }

    @Test
    void aLastSidecarThatStartedEndsInitialization() {
        PodSpec spec = new PodSpecBuilder()
                .addNewInitContainer().withName("side").withRestartPolicy("Always").endInitContainer()
                .addNewContainer().withName("app").endContainer().build();
        Map<String, List<ContainerStatus>> attempts = Map.of("side", List.of(running("side")));
        assertThat(InitContainers.plan(spec, attempts, (c, s) -> false).initialized()).isFalse();
        InitContainers.Plan started = InitContainers.plan(spec, attempts, (c, s) -> c.getName().equals("side") && s.running());
        assertThat(started.initialized()).isTrue();
        assertThat(started.work()).extracting(Container::getName).containsExactly("side");
    }

    private static Map<String, List<ContainerStatus>> with(Map<String, List<ContainerStatus>> attempts, String name,
                                                           ContainerStatus latest) {
        Map<String, List<ContainerStatus>> m = new java.util.HashMap<>(attempts);
        m.put(name, List.of(latest));
        return m;
    }
}

package io.k8j.kubelet.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.SandboxStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PodStatusBuilderTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final SandboxStatus SANDBOX = new SandboxStatus("s1", null, true, "127.1.0.7", T0);

    private static Pod pod(String restartPolicy) {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("default").withUid("u").endMetadata()
                .withNewSpec().withRestartPolicy(restartPolicy).addNewContainer().withName("c").withImage("busybox")
                .endContainer().endSpec().withNewStatus().withQosClass("BestEffort").endStatus().build();
    }

    private static ContainerStatus container(int attempt, ContainerState state, int exitCode) {
        boolean exited = state == ContainerState.EXITED;
        return new ContainerStatus("id" + attempt, "s1", "c", attempt, state, T0, state == ContainerState.CREATED ? null : T0,
                exited ? T0.plusSeconds(5) : null, exitCode, exited ? (exitCode == 0 ? "Completed" : "Error") : null, null,
                "busybox", "process://busybox", Path.of("c/0.log"), Map.of());
    }

    /** policy, attempts (newest first), waiting reason, expected phase, state key, ready, restarts, lastState key. */
    static Stream<Object[]> table() {
        return Stream.of(
                new Object[]{"Always", List.of(), null, "Pending", "waiting", false, 0, null},
                new Object[]{"Always", List.of(container(0, ContainerState.RUNNING, 0)), null, "Running", "running", true, 0, null},
                new Object[]{"Always", List.of(container(1, ContainerState.RUNNING, 0), container(0, ContainerState.EXITED, 1)),
                        null, "Running", "running", true, 1, "terminated"},
                new Object[]{"Always", List.of(container(2, ContainerState.EXITED, 1), container(1, ContainerState.EXITED, 1)),
                        "CrashLoopBackOff", "Running", "waiting", false, 2, "terminated"},
                new Object[]{"Never", List.of(container(0, ContainerState.EXITED, 0)), null, "Succeeded", "terminated", false, 0, null},
                new Object[]{"Never", List.of(container(0, ContainerState.EXITED, 3)), null, "Failed", "terminated", false, 0, null},
                new Object[]{"OnFailure", List.of(container(0, ContainerState.EXITED, 0)), null, "Succeeded", "terminated", false, 0, null},
                new Object[]{"OnFailure", List.of(container(0, ContainerState.EXITED, 2)), "CrashLoopBackOff", "Running", "waiting", false, 0, "terminated"});
    }

    @ParameterizedTest
    @MethodSource("table")
    void statusFollowsTheContainers(String policy, List<ContainerStatus> attempts, String waitingReason, String phase,
                                    String state, boolean ready, int restarts, String lastState) {
        Map<String, PodStatusInput.Waiting> waiting = waitingReason == null ? Map.of()
                : Map.of("c", new PodStatusInput.Waiting(waitingReason, "back-off"));
        PodStatus s = new PodStatusBuilder("process").build(new PodStatusInput(pod(policy), SANDBOX,
                attempts.isEmpty() ? Map.of() : Map.of("c", new ArrayList<>(attempts)), waiting, Map.of(), Map.of(),
                "127.0.0.1", T0.plusSeconds(10)));
        assertThat(s.getPhase()).isEqualTo(phase);
        var cs = s.getContainerStatuses().get(0);
        assertThat(stateKey(cs.getState())).isEqualTo(state);
        assertThat(cs.getReady()).isEqualTo(ready);
        assertThat(cs.getRestartCount()).isEqualTo(restarts);
        assertThat(cs.getLastState() == null ? null : stateKey(cs.getLastState())).isEqualTo(lastState);
        assertThat(condition(s, "Ready")).isEqualTo(ready ? "True" : "False");
        assertThat(condition(s, "ContainersReady")).isEqualTo(ready ? "True" : "False");
        assertThat(s.getPodIP()).isEqualTo("127.1.0.7");
        assertThat(s.getHostIP()).isEqualTo("127.0.0.1");
        assertThat(s.getQosClass()).isEqualTo("BestEffort");
        if (waitingReason != null) {
            assertThat(cs.getState().getWaiting().getReason()).isEqualTo(waitingReason);
        }
    }

    @Test
    void aFailingReadinessProbeKeepsARunningContainerUnready() {
        ContainerStatus running = container(0, ContainerState.RUNNING, 0);
        PodStatus s = new PodStatusBuilder("process").build(new PodStatusInput(pod("Always"), SANDBOX,
                Map.of("c", List.of(running)), Map.of(), Map.of("id0", false), Map.of("id0", true), "127.0.0.1", T0));
        assertThat(s.getPhase()).isEqualTo("Running");
        assertThat(condition(s, "Ready")).isEqualTo("False");
        assertThat(s.getContainerStatuses().get(0).getContainerID()).isEqualTo("process://id0");
        assertThat(s.getContainerStatuses().get(0).getStarted()).isTrue();
    }

    @Test
    void transitionTimesAndStartTimeStayPut() {
        Pod pod = pod("Always");
        ContainerStatus running = container(0, ContainerState.RUNNING, 0);
        PodStatus first = new PodStatusBuilder("process").build(new PodStatusInput(pod, SANDBOX, Map.of("c", List.of(running)),
                Map.of(), Map.of(), Map.of(), "127.0.0.1", T0));
        pod.setStatus(first);
        PodStatus second = new PodStatusBuilder("process").build(new PodStatusInput(pod, SANDBOX, Map.of("c", List.of(running)),
                Map.of(), Map.of(), Map.of(), "127.0.0.1", T0.plusSeconds(60)));
        assertThat(second).isEqualTo(first);
    }

    private static String stateKey(io.fabric8.kubernetes.api.model.ContainerState s) {
        return s.getRunning() != null ? "running" : s.getTerminated() != null ? "terminated" : s.getWaiting() != null ? "waiting" : null;
    }

    private static String condition(PodStatus s, String type) {
        return s.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow().getStatus();
    }
}

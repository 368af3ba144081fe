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
        assertThat(s.getConditions().stream().filter(c -> c.getType().equals("Initialized")).findFirst().orElseThrow()
                .getReason()).isEqualTo(phase.equals("Succeeded") ? "PodCompleted" : null);
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

    private static Pod debugged() {
        return new PodBuilder(pod("Always")).editSpec().addNewEphemeralContainer().withName("dbg").withImage("busybox")
                .withTargetContainerName("c").endEphemeralContainer().endSpec().build();
    }

    @Test
    void anEphemeralContainerIsReportedApartAndNeverMakesThePodUnready() {
        Map<String, List<ContainerStatus>> running = Map.of("c", List.of(container(0, ContainerState.RUNNING, 0)));
        PodStatus before = new PodStatusBuilder("process").build(new PodStatusInput(debugged(), SANDBOX, running,
                Map.of(), Map.of(), Map.of(), "127.0.0.1", T0));
        Map<String, List<ContainerStatus>> exited = new java.util.HashMap<>(running);
        exited.put("dbg", List.of(named("dbg", 0, ContainerState.EXITED, 0)));
        PodStatus after = new PodStatusBuilder("process").build(new PodStatusInput(debugged(), SANDBOX, exited,
                Map.of(), Map.of(), Map.of(), "127.0.0.1", T0));

        var waiting = before.getEphemeralContainerStatuses().get(0);
        assertThat(stateKey(waiting.getState())).isEqualTo("waiting");
        assertThat(waiting.getState().getWaiting().getReason()).isEqualTo("ContainerCreating");
        var done = after.getEphemeralContainerStatuses().get(0);
        assertThat(done.getName()).isEqualTo("dbg");
        assertThat(done.getState().getTerminated().getExitCode()).isZero();
        assertThat(done.getContainerID()).isEqualTo("process://dbg0");
        assertThat(done.getImage()).isEqualTo("busybox");
        assertThat(done.getReady()).isFalse();
        assertThat(done.getStarted()).isNull();
        assertThat(done.getRestartCount()).isZero();
        for (PodStatus s : List.of(before, after)) {
            assertThat(s.getPhase()).isEqualTo("Running");
            assertThat(condition(s, "Ready")).isEqualTo("True");
            assertThat(condition(s, "ContainersReady")).isEqualTo("True");
            assertThat(s.getContainerStatuses()).extracting("name").containsExactly("c");
        }
    }

    @Test
    void aRunningEphemeralContainerIsNotReady() {
        Map<String, List<ContainerStatus>> attempts = Map.of("c", List.of(container(0, ContainerState.RUNNING, 0)),
                "dbg", List.of(named("dbg", 0, ContainerState.RUNNING, 0)));
        PodStatus s = new PodStatusBuilder("process").build(new PodStatusInput(debugged(), SANDBOX, attempts,
                Map.of(), Map.of(), Map.of(), "127.0.0.1", T0));

        var dbg = s.getEphemeralContainerStatuses().get(0);
        assertThat(stateKey(dbg.getState())).isEqualTo("running");
        assertThat(dbg.getReady()).isFalse();
        assertThat(condition(s, "Ready")).isEqualTo("True");
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

    @Test
    void aPodPastItsActiveDeadlineIsFailedWithDeadlineExceeded() {
        Pod pod = new PodBuilder(pod("Always")).editSpec().withActiveDeadlineSeconds(30L).endSpec()
                .editStatus().withStartTime(T0.toString()).endStatus().build();
        Map<String, List<ContainerStatus>> running = Map.of("c", List.of(container(0, ContainerState.RUNNING, 0)));
        PodStatus before = new PodStatusBuilder("process").build(new PodStatusInput(pod, SANDBOX, running,
                Map.of(), Map.of(), Map.of(), "127.0.0.1", T0.plusSeconds(29)));
        assertThat(before.getPhase()).isEqualTo("Running");
        assertThat(before.getReason()).isNull();
        Map<String, List<ContainerStatus>> killed = Map.of("c", List.of(container(0, ContainerState.EXITED, 143)));
        PodStatus after = new PodStatusBuilder("process").build(new PodStatusInput(pod, SANDBOX, killed,
                Map.of(), Map.of(), Map.of(), "127.0.0.1", T0.plusSeconds(30)));
        assertThat(after.getPhase()).isEqualTo("Failed"); // under restartPolicy Always, which would otherwise restart it
        assertThat(after.getReason()).isEqualTo("DeadlineExceeded");
        assertThat(after.getMessage()).isEqualTo("Pod was active on the node longer than the specified deadline");
    }

    @Test
    void readinessGatesHoldReadyUntilTheirConditionsAreTrueAndOthersConditionsAreKept() {
        Map<String, List<ContainerStatus>> running = Map.of("c", List.of(container(0, ContainerState.RUNNING, 0)));
        Pod pod = new PodBuilder(pod("Always")).editSpec().addNewReadinessGate("example.com/lb").endSpec()
                .editStatus().addNewCondition().withType("DisruptionTarget").withStatus("True").withReason("PreemptionByScheduler")
                .endCondition().endStatus().build();
        PodStatus gated = new PodStatusBuilder("process").build(new PodStatusInput(pod, SANDBOX, running,
                Map.of(), Map.of(), Map.of(), "127.0.0.1", T0));
        assertThat(podCondition(gated, "ContainersReady").getStatus()).isEqualTo("True");
        assertThat(podCondition(gated, "Ready").getStatus()).isEqualTo("False");
        assertThat(podCondition(gated, "Ready").getReason()).isEqualTo("ReadinessGatesNotReady");
        assertThat(podCondition(gated, "Ready").getMessage())
                .isEqualTo("corresponding condition of pod readiness gate \"example.com/lb\" does not exist.");
        assertThat(podCondition(gated, "DisruptionTarget").getReason()).isEqualTo("PreemptionByScheduler");

        pod.getStatus().getConditions().add(new io.fabric8.kubernetes.api.model.PodConditionBuilder()
                .withType("example.com/lb").withStatus("False").build());
        assertThat(podCondition(new PodStatusBuilder("process").build(new PodStatusInput(pod, SANDBOX, running,
                Map.of(), Map.of(), Map.of(), "127.0.0.1", T0)), "Ready").getMessage())
                .isEqualTo("the status of pod readiness gate \"example.com/lb\" is not \"True\", but False");

        pod.getStatus().getConditions().get(1).setStatus("True");
        PodStatus open = new PodStatusBuilder("process").build(new PodStatusInput(pod, SANDBOX, running,
                Map.of(), Map.of(), Map.of(), "127.0.0.1", T0));
        assertThat(podCondition(open, "Ready").getStatus()).isEqualTo("True");
        assertThat(open.getConditions()).extracting(io.fabric8.kubernetes.api.model.PodCondition::getType)
                .containsOnlyOnce("DisruptionTarget", "example.com/lb", "PodScheduled");
    }

    private static io.fabric8.kubernetes.api.model.PodCondition podCondition(PodStatus status, String type) {
        return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    private static Pod initPod(String restartPolicy) {
        return new PodBuilder(pod(restartPolicy)).editSpec().addNewInitContainer().withName("a").withImage("busybox")
                .endInitContainer().addNewInitContainer().withName("b").withImage("busybox").endInitContainer().endSpec().build();
    }

    private static ContainerStatus named(String name, int attempt, ContainerState state, int exitCode) {
        ContainerStatus c = container(attempt, state, exitCode);
        return new ContainerStatus(name + attempt, c.sandboxId(), name, attempt, state, c.createdAt(), c.startedAt(),
                c.finishedAt(), exitCode, c.reason(), null, c.image(), c.imageRef(), c.logPath(), Map.of());
    }

    /**
     * policy, attempts by name (newest first), waiting reasons, expected phase, Initialized status and message,
     * init containers' ready, the app container's waiting reason (null: not waiting).
     */
    static Stream<Object[]> initTable() {
        String both = "containers with incomplete status: [a b]";
        return Stream.of(
                new Object[]{"Always", Map.of(), Map.of(), "Pending", "False", both, List.of(false, false), "PodInitializing"},
                new Object[]{"Always", Map.of("a", List.of(named("a", 0, ContainerState.RUNNING, 0))), Map.of(), "Pending",
                        "False", both, List.of(false, false), "PodInitializing"},
                new Object[]{"Always", Map.of("a", List.of(named("a", 0, ContainerState.EXITED, 0))), Map.of(), "Pending",
                        "False", "containers with incomplete status: [b]", List.of(true, false), "PodInitializing"},
                new Object[]{"Always", Map.of("a", List.of(named("a", 1, ContainerState.EXITED, 1), named("a", 0, ContainerState.EXITED, 1))),
                        Map.of("a", "CrashLoopBackOff"), "Pending", "False", both, List.of(false, false), "PodInitializing"},
                new Object[]{"Never", Map.of("a", List.of(named("a", 0, ContainerState.EXITED, 1))), Map.of(), "Failed",
                        "False", both, List.of(false, false), "PodInitializing"},
                new Object[]{"Always", Map.of("a", List.of(named("a", 0, ContainerState.EXITED, 0)),
                        "b", List.of(named("b", 0, ContainerState.EXITED, 0))), Map.of(), "Pending", "True", null,
                        List.of(true, true), "PodInitializing"},
                new Object[]{"Always", Map.of("a", List.of(named("a", 0, ContainerState.EXITED, 0)),
                        "b", List.of(named("b", 0, ContainerState.EXITED, 0)), "c", List.of(named("c", 0, ContainerState.RUNNING, 0))),
                        Map.of(), "Running", "True", null, List.of(true, true), null});
    }

    @ParameterizedTest
    @MethodSource("initTable")
    void initContainersGatePhaseAndInitialized(String policy, Map<String, List<ContainerStatus>> attempts,
                                               Map<String, String> waitingReasons, String phase, String initialized,
                                               String message, List<Boolean> initReady, String appWaiting) {
        Map<String, PodStatusInput.Waiting> waiting = new java.util.HashMap<>();
        waitingReasons.forEach((name, reason) -> waiting.put(name, new PodStatusInput.Waiting(reason, "back-off")));
        PodStatus s = new PodStatusBuilder("process").build(new PodStatusInput(initPod(policy), SANDBOX, attempts, waiting,
                Map.of(), Map.of(), "127.0.0.1", T0));
        assertThat(s.getPhase()).isEqualTo(phase);
        var cond = s.getConditions().stream().filter(c -> c.getType().equals("Initialized")).findFirst().orElseThrow();
        assertThat(cond.getStatus()).isEqualTo(initialized);
        assertThat(cond.getMessage()).isEqualTo(message);
        assertThat(cond.getReason()).isEqualTo(message == null ? null : "ContainersNotInitialized");
        assertThat(s.getInitContainerStatuses()).extracting(io.fabric8.kubernetes.api.model.ContainerStatus::getReady)
                .isEqualTo(initReady);
        var app = s.getContainerStatuses().get(0).getState().getWaiting();
        assertThat(app == null ? null : app.getReason()).isEqualTo(appWaiting);
        waitingReasons.forEach((name, reason) -> assertThat(s.getInitContainerStatuses().stream()
                .filter(c -> c.getName().equals(name)).findFirst().orElseThrow().getState().getWaiting().getReason())
                .isEqualTo(reason));
    }

    private static Pod sidecarPod(String restartPolicy) {
        return new PodBuilder(pod(restartPolicy)).editSpec().addNewInitContainer().withName("side").withImage("busybox")
                .withRestartPolicy("Always").endInitContainer().endSpec().build();
    }

    /**
     * policy, the sidecar's and the app's newest attempt (null: none yet; the app named "c"), whether the
     * sidecar started and is ready per its probes, then the expected phase, Initialized, the sidecar's ready,
     * and ContainersReady.
     */
    static Stream<Object[]> sidecarTable() {
        ContainerStatus sideRunning = named("side", 0, ContainerState.RUNNING, 0);
        ContainerStatus sideStopped = named("side", 0, ContainerState.EXITED, 143);
        return Stream.of(
                // Its startup probe has not passed: the pod still initializes.
                new Object[]{"Always", sideRunning, null, false, false, "Pending", "False", false, "False"},
                new Object[]{"Always", sideRunning, null, true, true, "Pending", "True", true, "False"},
                new Object[]{"Always", sideRunning, named("c", 0, ContainerState.RUNNING, 0), true, true, "Running", "True",
                        true, "True"},
                // An unready sidecar keeps the pod unready.
                new Object[]{"Always", sideRunning, named("c", 0, ContainerState.RUNNING, 0), true, false, "Running", "True",
                        false, "False"},
                // The app is done but the sidecar still runs: not finished until it is stopped.
                new Object[]{"Never", sideRunning, named("c", 0, ContainerState.EXITED, 0), true, true, "Running", "True",
                        true, "False"},
                // Once stopped, the sidecar's exit code does not count: the app's does.
                new Object[]{"Never", sideStopped, named("c", 0, ContainerState.EXITED, 0), false, false, "Succeeded", "True",
                        false, "False"},
                new Object[]{"Never", sideStopped, named("c", 0, ContainerState.EXITED, 1), false, false, "Failed", "True",
                        false, "False"},
                new Object[]{"OnFailure", sideStopped, named("c", 0, ContainerState.EXITED, 0), false, false, "Succeeded",
                        "True", false, "False"});
    }

    @ParameterizedTest
    @MethodSource("sidecarTable")
    void sidecarsRunBesideTheAppWithoutDecidingTheOutcome(String policy, ContainerStatus side, ContainerStatus app,
                                                          boolean started, boolean ready, String phase, String initialized,
                                                          boolean sideReady, String containersReady) {
        Map<String, List<ContainerStatus>> attempts = new java.util.HashMap<>(Map.of("side", List.of(side)));
        if (app != null) {
            attempts.put("c", List.of(app));
        }
        PodStatus s = new PodStatusBuilder("process").build(new PodStatusInput(sidecarPod(policy), SANDBOX, attempts,
                Map.of(), Map.of(side.id(), ready), Map.of(side.id(), started), "127.0.0.1", T0));
        assertThat(s.getPhase()).isEqualTo(phase);
        assertThat(condition(s, "Initialized")).isEqualTo(initialized);
        assertThat(condition(s, "ContainersReady")).isEqualTo(containersReady);
        assertThat(condition(s, "Ready")).isEqualTo(containersReady);
        var sideStatus = s.getInitContainerStatuses().get(0);
        assertThat(sideStatus.getReady()).isEqualTo(sideReady);
        assertThat(sideStatus.getStarted()).isEqualTo(started && side.running());
        if (initialized.equals("False")) {
            assertThat(s.getConditions().stream().filter(c -> c.getType().equals("Initialized")).findFirst().orElseThrow()
                    .getMessage()).isEqualTo("containers with incomplete status: [side]");
        }
    }

    private static String stateKey(io.fabric8.kubernetes.api.model.ContainerState s) {
        return s.getRunning() != null ? "running" : s.getTerminated() != null ? "terminated" : s.getWaiting() != null ? "waiting" : null;
    }

    private static String condition(PodStatus s, String type) {
        return s.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow().getStatus();
    }
}

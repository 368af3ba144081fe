package io.k8j.kubelet.runtime.simulated;

import io.k8j.kubelet.runtime.ContainerConfig;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.SandboxConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedRuntimeTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SimulatedRuntime runtime = new SimulatedRuntime(7, clock);

    private static SandboxConfig pod(String name) {
        return new SandboxConfig(name, "default", name + "-uid", 0, name, Map.of(), Path.of("/logs/" + name));
    }

    private static ContainerConfig container() {
        return new ContainerConfig("c", 0, "busybox", List.of(), List.of(), Map.of(), null, List.of(),
                Path.of("c/0.log"), Map.of("io.kubernetes.container.name", "c"), ContainerConfig.Stdio.NONE);
    }

    @Test
    void containersMoveThroughTheirStatesOnTheClock() {
        String sandbox = runtime.runPodSandbox(pod("a"));
        String id = runtime.createContainer(sandbox, null, container());
        assertThat(runtime.containerStatus(id).orElseThrow().state()).isEqualTo(ContainerState.CREATED);
        clock.advance(Duration.ofSeconds(1));
        runtime.startContainer(id);
        ContainerStatus running = runtime.containerStatus(id).orElseThrow();
        assertThat(running.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(running.startedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:01Z"));
        clock.advance(Duration.ofSeconds(5));
        runtime.stopContainer(id, Duration.ofSeconds(30));
        ContainerStatus exited = runtime.containerStatus(id).orElseThrow();
        assertThat(exited.state()).isEqualTo(ContainerState.EXITED);
        assertThat(exited.finishedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:06Z"));
        assertThat(exited.exitCode()).isZero();
        assertThat(exited.reason()).isEqualTo("Completed");
        assertThat(exited.logPath()).isEqualTo(Path.of("/logs/a/c/0.log"));
    }

    @Test
    void anInitContainerCompletesAsItStarts() {
        String sandbox = runtime.runPodSandbox(pod("a"));
        ContainerConfig c = container();
        String id = runtime.createContainer(sandbox, null, new ContainerConfig("i", 0, c.image(), c.command(), c.args(), c.env(),
                null, List.of(), Path.of("i/0.log"), Map.of(ContainerConfig.INIT_LABEL, "true"), ContainerConfig.Stdio.NONE));
        runtime.startContainer(id);
        ContainerStatus exited = runtime.containerStatus(id).orElseThrow();
        assertThat(exited.state()).isEqualTo(ContainerState.EXITED);
        assertThat(exited.exitCode()).isZero();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"0, 10.42.0.1", "255, 10.42.255.1", "256, 10.64.0.1", "4999, 10.82.135.1"})
    void everyNodeIndexHasItsOwnPodRange(int nodeIndex, String firstIp) {
        SimulatedRuntime node = new SimulatedRuntime(nodeIndex, clock);
        assertThat(node.podSandboxStatus(node.runPodSandbox(pod("a"))).orElseThrow().ip()).isEqualTo(firstIp);
    }

    @Test
    void podIpsComeFromTheNodesRangeAndAreReused() {
        String a = runtime.runPodSandbox(pod("a"));
        String b = runtime.runPodSandbox(pod("b"));
        assertThat(runtime.podSandboxStatus(a).orElseThrow().ip()).isEqualTo("10.42.7.1");
        assertThat(runtime.podSandboxStatus(b).orElseThrow().ip()).isEqualTo("10.42.7.2");
        runtime.removePodSandbox(a);
        assertThat(runtime.podSandboxStatus(runtime.runPodSandbox(pod("c"))).orElseThrow().ip()).isEqualTo("10.42.7.1");
    }

    @Test
    void aStoppedSandboxTakesNoContainersAndStopsItsOwn() {
        String sandbox = runtime.runPodSandbox(pod("a"));
        String id = runtime.createContainer(sandbox, null, container());
        runtime.startContainer(id);
        runtime.stopPodSandbox(sandbox);
        assertThat(runtime.containerStatus(id).orElseThrow().state()).isEqualTo(ContainerState.EXITED);
        assertThatThrownBy(() -> runtime.createContainer(sandbox, null, container())).isInstanceOf(IllegalStateException.class);
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

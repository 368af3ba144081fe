package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.SandboxConfig;
import io.k8j.kubelet.runtime.SandboxStatus;
import io.k8j.kubelet.runtime.simulated.SimulatedRuntime;
import io.k8j.kubelet.status.PodStatusInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Events a container's steps record, in the upstream kubelet's reasons, messages and fieldPaths. */
class ContainerEventsTest {
    @TempDir
    Path dir;
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final SimulatedRuntime runtime = new SimulatedRuntime(0, clock);
    private final List<String> events = new ArrayList<>();
    private final ContainerEvents containerEvents = new ContainerEvents((ref, type, reason, message) ->
            events.add(ref.getKind() + "/" + ref.getName() + " " + ref.getFieldPath() + " " + type + " " + reason + ": " + message));
    private String killReason;

    private static final Container APP = new ContainerBuilder().withName("app").withImage("busybox:1.36").build();
    private static final Container SETUP = new ContainerBuilder().withName("setup").withImage("busybox").build();
    private static final Pod POD = new PodBuilder().withNewMetadata().withName("web").withNamespace("shop").withUid("uid-1")
            .endMetadata().withNewSpec().withInitContainers(SETUP).withContainers(APP).withTerminationGracePeriodSeconds(1L)
            .endSpec().build();

    @Test
    void aContainerIsCreatedAndStartedWithoutAPullEventThenKilledOnAFailedLivenessProbeAndBacksOff() {
        SandboxStatus sandbox = sandbox();
        step(POD, APP, sandbox);
        assertThat(events).containsExactly(
                "Pod/web spec.containers{app} Normal Created: Created container: app",
                "Pod/web spec.containers{app} Normal Started: Started container app");
        events.clear();
        killReason = "failed liveness probe";
        step(POD, APP, sandbox);
        assertThat(events).containsExactly(
                "Pod/web spec.containers{app} Normal Killing: Container app failed liveness probe, will be restarted");
        events.clear();
        killReason = null;
        step(POD, APP, sandbox); // the first restart is immediate
        assertThat(events).extracting(e -> e.substring(e.indexOf(" Normal ") + 8, e.indexOf(':')))
                .containsExactly("Created", "Started");
        runtime.listContainers(sandbox.id()).stream().filter(ContainerStatus::running)
                .forEach(c -> runtime.stopContainer(c.id(), Duration.ZERO));
        events.clear();
        Map<String, PodStatusInput.Waiting> waiting = step(POD, APP, sandbox);
        assertThat(waiting.get("app").reason()).isEqualTo("CrashLoopBackOff");
        assertThat(events).containsExactly("Pod/web spec.containers{app} Warning BackOff: "
                + "Back-off restarting failed container app in pod web_shop(uid-1)");
    }

    @Test
    void withRestartPolicyNeverTheKilledContainerIsNotRestarted() {
        Pod never = new PodBuilder(POD).editSpec().withRestartPolicy("Never").endSpec().build();
        SandboxStatus sandbox = sandbox();
        step(never, APP, sandbox);
        events.clear();
        killReason = "failed startup probe";
        step(never, APP, sandbox);
        assertThat(events).containsExactly("Pod/web spec.containers{app} Normal Killing: Container app failed startup probe");
    }

    @Test
    void initContainersAreNamedByTheirOwnFieldPath() {
        step(POD, SETUP, sandbox());
        assertThat(events).allMatch(e -> e.startsWith("Pod/web spec.initContainers{setup} Normal ")).hasSize(2);
    }

    @Test
    void anEphemeralContainerStartsOnceAndIsNeverRestarted() {
        Pod debugged = new PodBuilder(POD).editSpec().withRestartPolicy("Always").addNewEphemeralContainer().withName("dbg")
                .withImage("busybox").withCommand("sh").withTargetContainerName("app").endEphemeralContainer().endSpec().build();
        Container dbg = EphemeralContainers.of(debugged.getSpec()).getFirst();
        SandboxStatus sandbox = sandbox();
        step(debugged, dbg, sandbox);
        assertThat(events).containsExactly(
                "Pod/web spec.ephemeralContainers{dbg} Normal Created: Created container: dbg",
                "Pod/web spec.ephemeralContainers{dbg} Normal Started: Started container dbg");
        assertThat(dbg.getCommand()).containsExactly("sh");
        assertThat(dbg.getAdditionalProperties()).isEmpty();
        events.clear();
        killReason = "failed liveness probe"; // what a probe would say: an ephemeral container has none to fail
        step(debugged, dbg, sandbox);
        runtime.listContainers(sandbox.id()).forEach(c -> runtime.stopContainer(c.id(), Duration.ZERO));
        now = now.plusSeconds(600);
        Map<String, PodStatusInput.Waiting> waiting = step(debugged, dbg, sandbox);
        assertThat(events).isEmpty();
        assertThat(waiting).isEmpty();
        assertThat(runtime.listContainers(sandbox.id())).singleElement()
                .satisfies(c -> assertThat(c.running()).isFalse());
    }

    @Test
    void failedHooksAndCreateErrorsAreWarnings() {
        // A handler k8j cannot run (tcpSocket) fails the hook without touching any network.
        Container hooked = new ContainerBuilder(APP).withNewLifecycle()
                .withNewPostStart().withNewTcpSocket().withPort(new IntOrString(1)).endTcpSocket().endPostStart()
                .withNewPreStop().withNewTcpSocket().withPort(new IntOrString(1)).endTcpSocket().endPreStop()
                .endLifecycle().build();
        Pod pod = new PodBuilder(POD).editSpec().withContainers(hooked).endSpec().build();
        Map<String, PodStatusInput.Waiting> waiting = step(pod, hooked, sandbox());
        assertThat(waiting.get("app").reason()).isEqualTo("PostStartHookError");
        assertThat(events).containsSubsequence(
                "Pod/web spec.containers{app} Normal Started: Started container app",
                "Pod/web spec.containers{app} Warning FailedPostStartHook: PostStartHook failed",
                "Pod/web spec.containers{app} Normal Killing: FailedPostStartHook",
                "Pod/web spec.containers{app} Warning FailedPreStopHook: PreStopHook failed");

        events.clear();
        Container missingEnv = new ContainerBuilder(APP).addNewEnv().withName("DB").withNewValueFrom()
                .withNewConfigMapKeyRef("url", "db", false).endValueFrom().endEnv().build();
        Pod broken = new PodBuilder(POD).editSpec().withContainers(missingEnv).endSpec().build();
        waiting = step(broken, missingEnv, sandbox());
        assertThat(waiting.get("app").reason()).isEqualTo("CreateContainerConfigError");
        assertThat(events).containsExactly(
                "Pod/web spec.containers{app} Warning Failed: Error: configmap \"db\" not found");
    }

    @Test
    void deletionStopsEachContainerWithAKillingEvent() {
        SandboxStatus sandbox = sandbox();
        step(POD, APP, sandbox);
        events.clear();
        new LifecycleHooks(runtime, clock, containerEvents).stop(POD, APP, runtime.listContainers(sandbox.id()).get(0).id(),
                sandbox.ip(), Duration.ofSeconds(1), null);
        assertThat(events).containsExactly("Pod/web spec.containers{app} Normal Killing: Stopping container app");
    }

    private SandboxStatus sandbox() {
        String id = runtime.runPodSandbox(new SandboxConfig("web", "shop", "uid-1", 0, "web", Map.of(), dir.resolve("logs")));
        return runtime.podSandboxStatus(id).orElseThrow();
    }

    private Map<String, PodStatusInput.Waiting> step(Pod pod, Container c, SandboxStatus sandbox) {
        Map<String, PodStatusInput.Waiting> waiting = new HashMap<>();
        PodSync.PodContext ctx = context(containerEvents);
        ImagePuller images = new ImagePuller(runtime, ctx.source(), ctx.pullBackoff(), containerEvents, clock);
        new ContainerStep(runtime, new LifecycleHooks(runtime, clock, containerEvents), images, ctx, pod, c,
                sandbox, sandbox.config(), Map.of(), waiting).run();
        return waiting;
    }

    private PodSync.PodContext context(ContainerEvents recorded) {
        ConfigSource none = new ConfigSource() {
            @Override
            public ConfigMap configMap(String namespace, String name) {
                return null;
            }

            @Override
            public Secret secret(String namespace, String name) {
                return null;
            }
        };
        return PodSync.PodContext.create(clock, "10.0.0.1", dir, Map.of(), none, backoff, new ProbeResults() {
            @Override
            public void track(Pod pod, Container spec, ContainerStatus running, String podIp) {
            }

            @Override
            public boolean ready(String containerId) {
                return true;
            }

            @Override
            public boolean started(String containerId) {
                return true;
            }

            @Override
            public String killReason(String containerId) {
                return killReason;
            }

            @Override
            public void forgetAllBut(Set<String> containerIds) {
            }
        }, null, null, recorded, PodDns.HOST_ONLY);
    }

    private final RestartBackoff backoff = new RestartBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5), clock);
}

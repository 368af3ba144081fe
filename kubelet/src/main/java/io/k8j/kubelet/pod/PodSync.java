package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.k8j.client.Reconciler;
import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.SandboxConfig;
import io.k8j.kubelet.runtime.SandboxStatus;
import io.k8j.kubelet.status.ActiveDeadline;
import io.k8j.kubelet.status.PodStatusBuilder;
import io.k8j.kubelet.status.PodStatusInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The pod worker's level-triggered sync of one "namespace/name": compare the pod with what the runtime
 * runs, take one step towards it (sandbox, start, restart after back-off, kill on a failed liveness
 * probe, terminate when deleted), then report pods/status. Returns when to look again.
 */
public final class PodSync implements Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(PodSync.class);
    /** Re-sync period while a pod runs: catches anything no event announced. */
    private static final Duration RESYNC = Duration.ofSeconds(10);
    private static final Duration MOUNT_RETRY = Duration.ofSeconds(1);

    private final PodSource pods;
    private final ContainerRuntime runtime;
    private final PodContext ctx;
    private final PodTermination termination;
    private final LifecycleHooks hooks;
    private final TerminationMessages terminationMessages;
    private final ImagePuller images;

    public PodSync(PodSource pods, ContainerRuntime runtime, PodContext ctx) {
        this.pods = pods;
        this.runtime = runtime;
        this.ctx = ctx;
        this.hooks = new LifecycleHooks(runtime, ctx.clock(), ctx.events());
        this.termination = new PodTermination(runtime, ctx, hooks);
        this.terminationMessages = new TerminationMessages(c -> ctx.volumes().terminationLog(
                c.labels().getOrDefault(ContainerConfigs.POD_UID, ""), c.name(), c.attempt()));
        this.images = new ImagePuller(runtime, ctx.source(), ctx.pullBackoff(), ctx.events(), ctx.clock());
    }

    @Override
    public Duration reconcile(String key) {
        Pod pod = pods.get(key);
        List<SandboxStatus> sandboxes = runtime.listPodSandboxes().stream()
                .filter(s -> key.equals(s.config().namespace() + "/" + s.config().name())).toList();
        for (SandboxStatus s : sandboxes) {
            if (pod == null || !s.config().uid().equals(pod.getMetadata().getUid())) {
                termination.remove(s, Duration.ZERO);
            }
        }
        if (pod == null) {
            ctx.statusWriter().forget(key);
            return null;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            termination.terminate(key, pod, sandboxes);
            return null;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            sandboxes.stream().filter(SandboxStatus::ready).forEach(s -> runtime.stopPodSandbox(s.id()));
            return null;
        }
        String forbidden = SafeSysctls.forbidden(pod).orElse(null);
        if (forbidden != null && sandboxes.stream().noneMatch(s -> s.config().uid().equals(pod.getMetadata().getUid()))) {
            reject(key, pod, SafeSysctls.REASON, forbidden);
            return null;
        }
        if (ActiveDeadline.exceeded(pod, ctx.clock().instant())) {
            // As the kubelet's activeDeadlineHandler: the pod fails and its containers stop (preStop, grace period).
            ctx.events().deadlineExceeded(pod);
            SandboxStatus own = sandboxes.stream().filter(s -> s.config().uid().equals(pod.getMetadata().getUid()))
                    .findFirst().orElse(null);
            if (own != null) {
                termination.stopRunning(own, ContainerStep.gracePeriod(pod), pod);
            }
            writeStatus(key, pod, own, Map.of());
            return null;
        }
        SandboxStatus sandbox = sandboxes.stream().filter(s -> s.ready() && s.config().uid().equals(pod.getMetadata().getUid()))
                .findFirst().orElseGet(() -> runSandbox(pod, sandboxes.size()));
        Map<String, PodStatusInput.Waiting> waiting = new HashMap<>();
        Duration next = RESYNC;
        try {
            Map<String, Path> volumes = ctx.volumes().prepare(pod, sandbox.ip(), ctx.hostIp());
            String overLimit = EmptyDirLimits.exceeded(pod, volumes).orElse(null);
            if (overLimit != null) {
                evict(key, pod, sandbox, overLimit);
                return null;
            }
            if (Sidecars.appDone(pod.getSpec(), attemptsByName(sandbox))) {
                // Nothing is left to run: the sidecars go too, and the phase follows the app containers.
                termination.stopRunning(sandbox, ContainerStep.gracePeriod(pod), pod);
                writeStatus(key, pod, sandbox, waiting);
                return RESYNC;
            }
            // While initializing, only the init containers are worked on; the app containers wait.
            InitContainers.Plan plan = initPlan(pod, sandbox);
            List<Container> work = plan.initialized()
                    ? Stream.concat(plan.work().stream(), pod.getSpec().getContainers().stream()).toList() : plan.work();
            // Ephemeral containers start even while the pod initializes (kube's computePodActions).
            // Regenerated from the pod, as the kubelet does: a sandbox found again after a restart has no config in memory.
            SandboxConfig sandboxConfig = SandboxConfigs.of(pod, sandbox.config().attempt(), ctx.logsDir(), ctx.hostIp(), ctx.dns());
            for (Container c : Stream.concat(work.stream(), EphemeralContainers.of(pod.getSpec()).stream()).toList()) {
                Duration d = new ContainerStep(runtime, hooks, images, ctx, pod, c, sandbox, sandboxConfig, volumes,
                        waiting).run();
                next = d != null && d.compareTo(next) < 0 ? d : next;
            }
            if (!plan.initialized() && !plan.equals(initPlan(pod, sandbox))) {
                next = Duration.ZERO; // one is done already: on to the next without waiting for a relist
            }
        } catch (VolumeSetUpException e) {
            // As the kubelet: the containers wait in ContainerCreating until the volumes can be set up, tried
            // again soon (a new namespace's kube-root-ca.crt is usually a moment behind its first pod).
            LOG.debug("{}: {}", key, e.getMessage());
            ctx.events().failedMount(pod, e.getMessage());
            next = MOUNT_RETRY;
        } catch (RuntimeException e) {
            LOG.debug("{}: {}", key, e.getMessage());
            Stream.of(pod.getSpec().getInitContainers(), pod.getSpec().getContainers(), EphemeralContainers.of(pod.getSpec()))
                    .flatMap(List::stream).forEach(c -> waiting.putIfAbsent(c.getName(),
                            new PodStatusInput.Waiting("CreateContainerConfigError", e.getMessage())));
        }
        writeStatus(key, pod, sandbox, waiting);
        Duration deadline = ActiveDeadline.remaining(pod, ctx.clock().instant()).orElse(next);
        return deadline.compareTo(next) < 0 ? deadline : next;
    }

    /** As the kubelet's rejectPod: a pod it will not admit fails before anything of it runs. */
    private void reject(String key, Pod pod, String reason, String message) {
        ctx.events().rejected(pod, reason, message);
        ctx.statusWriter().write(key, pod, new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Failed").withReason(reason)
                .withMessage("Pod was rejected: " + message).withQosClass(SandboxConfigs.qosClass(pod)).build());
    }

    /** A running sidecar has started once its startup probe passed; its probes are tracked from here on. */
    private InitContainers.Plan initPlan(Pod pod, SandboxStatus sandbox) {
        return InitContainers.plan(pod.getSpec(), attemptsByName(sandbox), (spec, running) -> {
            ctx.probes().track(pod, spec, running, sandbox.ip());
            return ctx.probes().started(running.id());
        });
    }

    private SandboxStatus runSandbox(Pod pod, int attempt) {
        String id = runtime.runPodSandbox(SandboxConfigs.of(pod, attempt, ctx.logsDir(), ctx.hostIp(), ctx.dns()));
        return runtime.podSandboxStatus(id).orElseThrow();
    }

    /** kube's GeneratePodHostNameAndDomain: spec.hostname, else the pod's name cut to 63 characters. */
    static String hostname(Pod pod) {
        String asked = pod.getSpec().getHostname();
        if (asked != null && !asked.isEmpty()) {
            return asked;
        }
        String name = pod.getMetadata().getName();
        return name.length() <= 63 ? name : name.substring(0, 63).replaceAll("[-.]+$", "");
    }

    /** As the kubelet's evictPod: the containers are killed at once and the pod fails with reason Evicted. */
    private void evict(String key, Pod pod, SandboxStatus sandbox, String message) {
        ctx.events().evicted(pod, message);
        termination.stopRunning(sandbox, Duration.ZERO, pod);
        PodStatus status = status(pod, sandbox, Map.of());
        status.setPhase("Failed");
        status.setReason(EmptyDirLimits.REASON);
        status.setMessage(message);
        ctx.statusWriter().write(key, pod, status);
    }

    void writeStatus(String key, Pod pod, SandboxStatus sandbox, Map<String, PodStatusInput.Waiting> waiting) {
        ctx.statusWriter().write(key, pod, status(pod, sandbox, waiting));
    }

    private PodStatus status(Pod pod, SandboxStatus sandbox, Map<String, PodStatusInput.Waiting> waiting) {
        Map<String, List<ContainerStatus>> byName = new HashMap<>();
        attemptsByName(sandbox).forEach((name, attempts) -> byName.put(name, attempts.stream()
                .map(c -> terminationMessages.withMessage(c, PodTermination.spec(pod, name))).toList()));
        Map<String, Boolean> ready = new HashMap<>();
        Map<String, Boolean> started = new HashMap<>();
        byName.values().stream().flatMap(List::stream).filter(c -> c.state() == ContainerState.RUNNING).forEach(c -> {
            ready.put(c.id(), ctx.probes().ready(c.id()));
            started.put(c.id(), ctx.probes().started(c.id()));
        });
        return new PodStatusBuilder(runtime.name()).build(new PodStatusInput(pod, sandbox, byName, waiting,
                ready, started, ctx.hostIp(), ctx.clock().instant()));
    }

    /** The sandbox's containers by name, newest attempt first. */
    private Map<String, List<ContainerStatus>> attemptsByName(SandboxStatus sandbox) {
        return sandbox == null ? Map.of() : runtime.listContainers(sandbox.id()).stream()
                .sorted(Comparator.comparingInt(ContainerStatus::attempt).reversed())
                .collect(Collectors.groupingBy(ContainerStatus::name));
    }

    /**
     * What every pod's sync shares. {@code backoff}: crash-loop back-off; {@code pullBackoff}: image pull back-off
     * (10 s doubling to 5 min, as the kubelet's); {@code source}: where the pods' ConfigMaps, Secrets and claims are read.
     */
    public record PodContext(Clock clock, String hostIp, Path logsDir, PodVolumes volumes, ContainerConfigs configs,
                             RestartBackoff backoff, RestartBackoff pullBackoff, ConfigSource source, ProbeResults probes,
                             PodStatusWriter statusWriter, PodDeleter deleter, ContainerEvents events, PodDns dns) {
        /** allocatable: the node's cpu, memory and ephemeral-storage, for resourceFieldRef limits a container leaves out. */
        public static PodContext create(Clock clock, String hostIp, Path dataDir, Map<String, String> allocatable,
                                        ConfigSource configs, RestartBackoff backoff, ProbeResults probes,
                                        PodStatusWriter statusWriter, PodDeleter deleter, ContainerEvents events, PodDns dns) {
            return new PodContext(clock, hostIp, logsDir(dataDir), new PodVolumes(dataDir.resolve("pods"), configs,
                    allocatable, clock), new ContainerConfigs(configs, allocatable), backoff,
                    new RestartBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5), clock), configs, probes, statusWriter,
                    deleter, events, dns);
        }

        /** Where pods' container logs go: DATA_DIR/logs/pods/NS_NAME_UID/CONTAINER/ATTEMPT.log. */
        public static Path logsDir(Path dataDir) {
            return dataDir.resolve("logs/pods");
        }
    }
}

package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.kubelet.runtime.ContainerConfig;
import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.SandboxConfig;
import io.k8j.kubelet.runtime.SandboxStatus;
import io.k8j.kubelet.status.PodStatusInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One container's step in a pod sync (the kubelet's computePodActions for it): start it, restart it per
 * restartPolicy (a sidecar on any exit) once its back-off has passed, or kill it when a liveness or startup
 * probe failed (its preStop hook first) or its postStart hook failed. An ephemeral container is started once only.
 * Returns when the pod should be synced again for this container (null: the regular resync).
 */
final class ContainerStep {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerStep.class);
    /** Exited attempts kept per container: the newest one backs lastState and `kubectl logs --previous`. */
    private static final int KEEP_EXITED = 1;

    private final ContainerRuntime runtime;
    private final LifecycleHooks hooks;
    private final ImagePuller images;
    private final PodSync.PodContext ctx;
    private final Pod pod;
    private final Container spec;
    private final SandboxStatus sandbox;
    private final SandboxConfig sandboxConfig;
    private final Map<String, Path> volumes;
    private final Map<String, PodStatusInput.Waiting> waiting;
    private final boolean ephemeral;

    ContainerStep(ContainerRuntime runtime, LifecycleHooks hooks, ImagePuller images, PodSync.PodContext ctx, Pod pod,
                  Container spec, SandboxStatus sandbox, SandboxConfig sandboxConfig, Map<String, Path> volumes,
                  Map<String, PodStatusInput.Waiting> waiting) {
        this.runtime = runtime;
        this.hooks = hooks;
        this.images = images;
        this.ctx = ctx;
        this.pod = pod;
        this.spec = spec;
        this.sandbox = sandbox;
        this.sandboxConfig = sandboxConfig;
        this.volumes = volumes;
        this.waiting = waiting;
        this.ephemeral = EphemeralContainers.isEphemeral(pod.getSpec(), spec.getName());
    }

    Duration run() {
        List<ContainerStatus> attempts = runtime.listContainers(sandbox.id()).stream()
                .filter(c -> c.name().equals(spec.getName()))
                .sorted(Comparator.comparingInt(ContainerStatus::attempt).reversed()).toList();
        ContainerStatus latest = attempts.isEmpty() ? null : attempts.get(0);
        if (latest == null) {
            return start(LogDirRestarts.nextAttempt(sandboxConfig.logDirectory().resolve(spec.getName())));
        }
        switch (latest.state()) {
            case CREATED -> startCreated(latest.id());
            case RUNNING -> {
                if (ephemeral) {
                    return null; // no probes to run
                }
                ctx.probes().track(pod, spec, latest, sandbox.ip());
                String kill = ctx.probes().killReason(latest.id());
                if (kill != null) {
                    LOG.info("{}/{}: container {} {}, will be restarted", pod.getMetadata().getNamespace(),
                            pod.getMetadata().getName(), spec.getName(), kill);
                    hooks.stop(pod, spec, latest.id(), sandbox.ip(), gracePeriod(pod), "Container " + spec.getName()
                            + " " + kill + (restartPolicy().equals("Never") ? "" : ", will be restarted"));
                    return Duration.ZERO;
                }
            }
            case EXITED -> {
                return restart(latest, attempts);
            }
            default -> {
            }
        }
        return null;
    }

    private Duration restart(ContainerStatus exited, List<ContainerStatus> attempts) {
        String policy = restartPolicy();
        boolean restart = policy.equals("Always") || (policy.equals("OnFailure") && exited.exitCode() != 0);
        if (!restart) {
            return null;
        }
        String key = pod.getMetadata().getUid() + "/" + spec.getName();
        Duration wait = ctx.backoff().remaining(key, exited.finishedAt());
        if (!wait.isZero()) {
            waiting.put(spec.getName(), new PodStatusInput.Waiting("CrashLoopBackOff", "back-off "
                    + ctx.backoff().delay(key).toSeconds() + "s restarting failed container=" + spec.getName() + " pod="
                    + ContainerEvents.describe(pod)));
            ctx.events().backOff(pod, spec);
            return wait;
        }
        ctx.backoff().restarted(key);
        attempts.stream().skip(KEEP_EXITED).forEach(old -> runtime.removeContainer(old.id()));
        return start(exited.attempt() + 1);
    }

    private Duration start(int attempt) {
        ImagePuller.Result image;
        try {
            image = images.ensure(pod, spec);
        } catch (RuntimeException e) {
            return notCreated("ImageInspectError", "Failed to inspect image \"" + spec.getImage() + "\": " + e.getMessage());
        }
        if (image.waiting() != null) {
            waiting.put(spec.getName(), image.waiting());
            return image.retry();
        }
        ContainerConfig config;
        try {
            String refused = SecurityContexts.verifyRunAsNonRoot(pod, spec, image.image());
            if (refused != null) {
                return notCreated("CreateContainerConfigError", refused);
            }
            boolean ownNetwork = !Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
            Path etcHosts = runtime.supportsSingleFileMapping() && ownNetwork ? ctx.volumes().etcHosts(pod, sandbox.ip()) : null;
            String messagePath = spec.getTerminationMessagePath();
            Path terminationLog = runtime.supportsSingleFileMapping() && messagePath != null && !messagePath.isEmpty()
                    ? ctx.volumes().createTerminationLog(pod, spec.getName(), attempt) : null;
            config = ctx.configs().of(pod, spec, attempt, sandbox.ip(), ctx.hostIp(), volumes, pidTarget(), etcHosts,
                    terminationLog);
        } catch (IOException | RuntimeException e) {
            return notCreated("CreateContainerConfigError", e.getMessage()); // e.g. env from a missing ConfigMap key
        }
        try {
            String id = runtime.createContainer(sandbox.id(), sandboxConfig, config);
            ctx.events().created(pod, spec);
            if (!startCreated(id)) {
                return null; // it exited at once: restarted per restartPolicy like any exit
            }
            if (!hooks.postStart(spec, id, sandbox.ip(), gracePeriod(pod))) {
                // As the kubelet: the container is killed and restarted per restartPolicy like any exit.
                LOG.info("{}/{}: container {} FailedPostStartHook", pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName(), spec.getName());
                ctx.events().failedPostStartHook(pod, spec);
                hooks.stop(pod, spec, id, sandbox.ip(), gracePeriod(pod), "FailedPostStartHook");
                waiting.put(spec.getName(), new PodStatusInput.Waiting("PostStartHookError", "FailedPostStartHook"));
                return Duration.ZERO;
            }
            return null;
        } catch (RuntimeException e) {
            return notCreated("CreateContainerError", e.getMessage());
        }
    }

    /** An ephemeral container's targetContainerName, running in this sandbox: the process namespace it joins. */
    private String pidTarget() {
        if (!ephemeral) {
            return null;
        }
        String target = pod.getSpec().getEphemeralContainers().stream().filter(e -> e.getName().equals(spec.getName()))
                .map(EphemeralContainer::getTargetContainerName).filter(t -> t != null && !t.isEmpty()).findFirst().orElse(null);
        return target == null ? null : runtime.listContainers(sandbox.id()).stream()
                .filter(c -> c.name().equals(target) && c.running()).map(ContainerStatus::id).findFirst().orElse(null);
    }

    /** The container waits with {@code reason} and the error, and the next try comes in 10 s. */
    private Duration notCreated(String reason, String error) {
        ctx.events().failed(pod, spec, error);
        waiting.put(spec.getName(), new PodStatusInput.Waiting(reason, error));
        return Duration.ofSeconds(10);
    }

    /** Starts a created container; one the runtime could not start is EXITED with reason StartError. */
    private boolean startCreated(String id) {
        runtime.startContainer(id);
        var failed = runtime.containerStatus(id).filter(c -> "StartError".equals(c.reason()));
        failed.ifPresentOrElse(c -> ctx.events().failed(pod, spec, c.message()), () -> ctx.events().started(pod, spec));
        return failed.isEmpty();
    }

    /**
     * The pod's restartPolicy, except that a sidecar restarts on any exit whatever the pod's and an ephemeral
     * container never does.
     */
    private String restartPolicy() {
        if (ephemeral) {
            return "Never";
        }
        if (Sidecars.isSidecar(spec)) {
            return "Always";
        }
        return pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
    }

    /** The pod's terminationGracePeriodSeconds (default 30), for stopping one of its containers. */
    static Duration gracePeriod(Pod pod) {
        Long g = pod.getSpec().getTerminationGracePeriodSeconds();
        return Duration.ofSeconds(g == null ? 30 : g);
    }
}

package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.Dirs;
import io.k8j.kubelet.runtime.SandboxStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Graceful termination (the kubelet's killPod): stop the containers within what is left of the pod's grace
 * period (preStop hooks, then SIGTERM, then SIGKILL; app containers at once, sidecars after them in reverse
 * init order), stop and remove the sandbox, report the final status, then delete the pod object for good.
 */
final class PodTermination {
    private final ContainerRuntime runtime;
    private final PodSync.PodContext ctx;
    private final LifecycleHooks hooks;

    PodTermination(ContainerRuntime runtime, PodSync.PodContext ctx, LifecycleHooks hooks) {
        this.runtime = runtime;
        this.ctx = ctx;
        this.hooks = hooks;
    }

    void terminate(String key, Pod pod, List<SandboxStatus> sandboxes) {
        Duration grace = remainingGrace(pod);
        for (SandboxStatus s : sandboxes) {
            stopRunning(s, grace, pod);
        }
        SandboxStatus last = sandboxes.stream().filter(s -> s.config().uid().equals(pod.getMetadata().getUid()))
                .findFirst().orElse(null);
        if (last != null) {
            new PodSync(k -> pod, runtime, ctx).writeStatus(key, pod, last, Map.of());
        }
        sandboxes.forEach(s -> remove(s, Duration.ZERO));
        ctx.deleter().delete(pod);
        ctx.statusWriter().forget(key);
    }

    /** Stops and forgets a sandbox and everything the kubelet kept for it: volumes, working dirs, logs. */
    void remove(SandboxStatus s, Duration grace) {
        stopRunning(s, grace, null);
        runtime.stopPodSandbox(s.id());
        runtime.removePodSandbox(s.id());
        ctx.backoff().forget(s.config().uid() + "/");
        ctx.volumes().remove(s.config().uid());
        Dirs.deleteTree(SandboxConfigs.logDirectory(ctx.logsDir(), s.config().namespace(), s.config().name(),
                s.config().uid()));
    }

    /**
     * Stops the running containers, each on its own thread: with the pod's spec known, its preStop hook first
     * and sidecars in their termination order (after the app containers, last one first); without it, all
     * at once and without hooks.
     */
    void stopRunning(SandboxStatus s, Duration grace, Pod pod) {
        List<ContainerStatus> running = runtime.listContainers(s.id()).stream().filter(ContainerStatus::running).toList();
        TerminationOrder order = pod == null ? null : new TerminationOrder(pod.getSpec(),
                running.stream().map(ContainerStatus::name).collect(Collectors.toSet()), ctx.clock());
        List<Thread> stopping = running.stream()
                .map(c -> Thread.ofVirtual().start(() -> hooks.stop(pod, spec(pod, c.name()), c.id(), s.ip(), grace, null, order))).toList();
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The pod's container of that name, app, init or ephemeral; null without a pod. */
    static Container spec(Pod pod, String name) {
        return pod == null ? null : Stream.of(pod.getSpec().getContainers(), pod.getSpec().getInitContainers(),
                EphemeralContainers.of(pod.getSpec())).flatMap(List::stream)
                .filter(c -> c.getName().equals(name)).findFirst().orElse(null);
    }

    private Duration remainingGrace(Pod pod) {
        String at = pod.getMetadata().getDeletionTimestamp();
        Duration left = Duration.between(ctx.clock().instant(), Instant.parse(at));
        // As the kubelet's minimumGracePeriodInSeconds: a process always gets a moment for SIGTERM.
        return left.compareTo(LifecycleHooks.MIN_GRACE) < 0 ? LifecycleHooks.MIN_GRACE : left;
    }
}

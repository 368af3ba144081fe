package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.kubelet.probe.Prober;
import io.k8j.kubelet.runtime.ContainerRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A container's postStart and preStop handlers (exec, httpGet, sleep; run with the prober's code), and
 * the kubelet's killContainer around them: the preStop hook gets the grace period, the SIGTERM-to-SIGKILL
 * window gets what it left over. Records Killing (before the hook, as the kubelet) and FailedPreStopHook.
 */
final class LifecycleHooks {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleHooks.class);
    /** The kubelet's minimumGracePeriodInSeconds: a process always gets a moment between SIGTERM and SIGKILL. */
    static final Duration MIN_GRACE = Duration.ofSeconds(2);

    private final ContainerRuntime runtime;
    private final Prober prober;
    private final Clock clock;
    private final ContainerEvents events;

    LifecycleHooks(ContainerRuntime runtime, Clock clock, ContainerEvents events) {
        this.runtime = runtime;
        this.prober = new Prober(runtime);
        this.clock = clock;
        this.events = events;
    }

    /**
     * Stops a container: its preStop hook first, bounded by the grace period, then SIGTERM and SIGKILL.
     * {@code why} is the Killing event's message, null for the pod's deletion; without the pod and spec
     * (an orphaned sandbox) no event is recorded.
     */
    void stop(Pod pod, Container spec, String containerId, String podIp, Duration grace, String why) {
        stop(pod, spec, containerId, podIp, grace, why, null);
    }

    /**
     * Stops a container as the kubelet's killContainer: the preStop hook, then (during pod termination) its
     * turn in the order, both out of the grace period; SIGTERM gets the rest (at least 2 s), then SIGKILL.
     */
    void stop(Pod pod, Container spec, String containerId, String podIp, Duration grace, String why, TerminationOrder order) {
        if (pod != null && spec != null) {
            events.killing(pod, spec, why);
        }
        Duration left = grace;
        LifecycleHandler preStop = spec == null || spec.getLifecycle() == null ? null : spec.getLifecycle().getPreStop();
        if (preStop != null && grace.isPositive()) {
            Instant start = clock.instant();
            Thread hook = Thread.ofVirtual().start(() -> {
                if (!run(preStop, spec, containerId, podIp, grace)) {
                    LOG.info("container {}: PreStopHook failed", spec.getName());
                    if (pod != null) {
                        events.failedPreStopHook(pod, spec);
                    }
                }
            });
            try {
                // As the kubelet: a hook still running when the grace period is over is left behind.
                hook.join(grace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            left = spend(left, Duration.between(start, clock.instant()));
        }
        if (order != null && spec != null && left.isPositive()) {
            left = spend(left, order.awaitTurn(spec.getName(), left));
        }
        runtime.stopContainer(containerId, sigtermWindow(left));
        if (order != null && spec != null) {
            order.terminated(spec.getName());
        }
    }

    /** Runs the postStart hook of a just started container: false when it failed (the container is then killed). */
    boolean postStart(Container spec, String containerId, String podIp, Duration timeout) {
        LifecycleHandler postStart = spec.getLifecycle() == null ? null : spec.getLifecycle().getPostStart();
        return postStart == null || run(postStart, spec, containerId, podIp, timeout);
    }

    /** The grace period less the time spent, in whole seconds as the kubelet's int64 arithmetic; may reach zero. */
    static Duration spend(Duration grace, Duration spent) {
        return Duration.ofSeconds(grace.toSeconds() - spent.toSeconds());
    }

    /** The SIGTERM-to-SIGKILL window: what is left of the grace period, but at least 2 s. */
    static Duration sigtermWindow(Duration left) {
        return left.compareTo(MIN_GRACE) < 0 ? MIN_GRACE : left;
    }

    private boolean run(LifecycleHandler h, Container spec, String containerId, String podIp, Duration timeout) {
        try {
            if (h.getExec() != null) {
                return prober.exec(h.getExec(), containerId, timeout);
            }
            if (h.getHttpGet() != null) {
                prober.httpGet(h.getHttpGet(), spec, podIp, timeout);
                return true; // the kubelet's hook runner takes any response as success
            }
            if (h.getSleep() != null) {
                TimeUnit.SECONDS.sleep(Math.min(h.getSleep().getSeconds(), timeout.toSeconds()));
                return true;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.debug("container {}: hook failed: {}", spec.getName(), e.toString());
            return false;
        }
    }
}

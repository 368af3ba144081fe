package io.k8j.kubelet.probe;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.k8j.client.Keys;
import io.k8j.kubelet.pod.ContainerEvents;
import io.k8j.kubelet.pod.ProbeResults;
import io.k8j.kubelet.runtime.ContainerStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One worker (a virtual thread) per running container and probe kind. Startup gates the other two; a
 * verdict change re-syncs the pod, whose sync then kills (liveness, startup) or reports readiness. Every
 * failed probe is an Unhealthy event, as the kubelet's prober records (repeats raise its count).
 */
public final class ProbeManager implements ProbeResults, AutoCloseable {
    private final Prober prober;
    private final Consumer<String> resync;
    private final ContainerEvents events;
    private final Map<String, Workers> byContainer = new ConcurrentHashMap<>();

    public ProbeManager(Prober prober, Consumer<String> resync, ContainerEvents events) {
        this.prober = prober;
        this.resync = resync;
        this.events = events;
    }

    @Override
    public void track(Pod pod, Container spec, ContainerStatus running, String podIp) {
        byContainer.computeIfAbsent(running.id(), id -> new Workers(pod, spec, running, podIp));
    }

    @Override
    public boolean ready(String containerId) {
        Workers w = byContainer.get(containerId);
        return w == null || (w.started() && (w.readiness == null || w.readiness.verdict()));
    }

    @Override
    public boolean started(String containerId) {
        Workers w = byContainer.get(containerId);
        return w == null || w.started();
    }

    @Override
    public String killReason(String containerId) {
        Workers w = byContainer.get(containerId);
        if (w == null) {
            return null;
        }
        if (w.startup != null && !w.startup.verdict() && w.startupFailed) {
            return "failed startup probe";
        }
        return w.liveness != null && !w.liveness.verdict() ? "failed liveness probe" : null;
    }

    @Override
    public void forgetAllBut(Set<String> containerIds) {
        byContainer.entrySet().removeIf(e -> {
            if (!containerIds.contains(e.getKey())) {
                e.getValue().thread.interrupt();
                return true;
            }
            return false;
        });
    }

    @Override
    public void close() {
        forgetAllBut(Set.of());
    }

    /** The probes of one container, run in turn on one virtual thread. */
    private final class Workers {
        final ProbeState startup;
        final ProbeState liveness;
        final ProbeState readiness;
        volatile boolean startupFailed;
        final Thread thread;

        Workers(Pod pod, Container spec, ContainerStatus c, String ip) {
            startup = state(spec.getStartupProbe(), false);
            liveness = state(spec.getLivenessProbe(), true);
            readiness = state(spec.getReadinessProbe(), false);
            thread = Thread.ofVirtual().name("probe-" + c.id()).start(() -> run(pod, spec, c, ip));
        }

        boolean started() {
            return startup == null || startup.verdict();
        }

        private void run(Pod pod, Container spec, ContainerStatus c, String ip) {
            Instant start = c.startedAt() == null ? Instant.now() : c.startedAt();
            long tick = 0;
            try {
                // Ends with its container (the relist retires it a moment later): a stopping one fails probes.
                while (!Thread.currentThread().isInterrupted() && prober.running(c.id())) {
                    long elapsed = Duration.between(start, Instant.now()).toSeconds();
                    if (!started()) {
                        step(pod, "Startup", spec.getStartupProbe(), startup, spec, c, ip, elapsed, tick);
                    } else {
                        step(pod, "Liveness", spec.getLivenessProbe(), liveness, spec, c, ip, elapsed, tick);
                        step(pod, "Readiness", spec.getReadinessProbe(), readiness, spec, c, ip, elapsed, tick);
                    }
                    tick++;
                    Thread.sleep(1000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Probes on a one-second tick, each at its own period once past its initial delay; kind: as events name it. */
        private void step(Pod pod, String kind, Probe probe, ProbeState state, Container spec, ContainerStatus c,
                          String ip, long elapsed, long tick) {
            if (probe == null || elapsed < nz(probe.getInitialDelaySeconds(), 0)
                    || tick % Math.max(1, nz(probe.getPeriodSeconds(), 10)) != 0) {
                return;
            }
            Prober.Result result = prober.probe(probe, spec, c.id(), ip);
            boolean ok = result.success();
            if (!ok) {
                events.unhealthy(pod, spec, kind, result.output());
            }
            if (state.record(ok) || (kind.equals("Startup") && !ok && failedOut(state, probe))) {
                resync.accept(Keys.of(pod));
            }
        }

        private boolean failedOut(ProbeState state, Probe probe) {
            startupFailed = !state.verdict() && state.failures() >= nz(probe.getFailureThreshold(), 3);
            return startupFailed;
        }
    }

    private static ProbeState state(Probe probe, boolean initial) {
        return probe == null ? null : new ProbeState(initial, probe.getSuccessThreshold(), probe.getFailureThreshold());
    }

    private static int nz(Integer v, int fallback) {
        return v == null ? fallback : v;
    }
}

package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The order in which a pod's running containers are stopped, as the kubelet's terminationOrdering: the
 * app containers at once, each sidecar only after every app container and every sidecar after it (in init
 * order) have stopped, so the last sidecar goes first and the first one last. A container waits for its
 * turn at most for what is left of its grace period.
 */
final class TerminationOrder {
    private final Map<String, CountDownLatch> stopped = new HashMap<>();
    private final Map<String, List<CountDownLatch>> waitsFor = new HashMap<>();
    private final Clock clock;

    /** running: the names of the containers still running (the others are not waited for). */
    TerminationOrder(PodSpec spec, Set<String> running, Clock clock) {
        this.clock = clock;
        List<CountDownLatch> app = new ArrayList<>();
        for (Container c : spec.getContainers()) {
            app.add(latch(c.getName(), running));
        }
        List<CountDownLatch> later = new ArrayList<>(app);
        List<Container> init = spec.getInitContainers();
        for (int i = init.size() - 1; i >= 0; i--) {
            Container c = init.get(i);
            if (Sidecars.isSidecar(c)) {
                waitsFor.put(c.getName(), List.copyOf(later));
                later.add(latch(c.getName(), running));
            }
        }
    }

    private CountDownLatch latch(String name, Set<String> running) {
        CountDownLatch l = new CountDownLatch(running.contains(name) ? 1 : 0);
        stopped.put(name, l);
        return l;
    }

    /** Blocks until the containers {@code name} must outlive have stopped, or {@code max} passed; returns the wait. */
    Duration awaitTurn(String name, Duration max) {
        Instant start = clock.instant();
        Instant deadline = start.plus(max);
        try {
            for (CountDownLatch l : waitsFor.getOrDefault(name, List.of())) {
                Duration left = Duration.between(clock.instant(), deadline);
                if (!left.isPositive() || !l.await(left.toNanos(), TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Duration.between(start, clock.instant());
    }

    void terminated(String name) {
        CountDownLatch l = stopped.get(name);
        if (l != null) {
            l.countDown();
        }
    }
}

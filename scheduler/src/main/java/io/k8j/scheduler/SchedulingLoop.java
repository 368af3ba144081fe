package io.k8j.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.client.EventRecorder;
import io.k8j.scheduler.cache.SchedulerCache;
import io.k8j.scheduler.cache.Snapshot;
import io.k8j.scheduler.framework.CycleState;
import io.k8j.scheduler.framework.Framework;
import io.k8j.scheduler.framework.Status;
import io.k8j.scheduler.queue.QueuedPod;
import io.k8j.scheduler.queue.SchedulingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;

/**
 * The scheduling cycle, one pod at a time on one thread: pop, refresh the snapshot, decide, assume the
 * pod on its node in the cache, then bind on another thread (the binding cycle) so the next pod need
 * not wait for the API server. A failed binding un-assumes the pod and retries it after backoff.
 */
final class SchedulingLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulingLoop.class);
    /** Bindings in flight at once; enough to hide API latency, few enough not to swamp the server. */
    private static final int MAX_BINDINGS_IN_FLIGHT = 64;

    private final SchedulingQueue queue;
    private final SchedulerCache cache;
    private final Framework framework;
    private final ScheduleAlgorithm algorithm;
    private final EventRecorder events;
    private final PodConditionWriter conditions;
    private final Predicate<Pod> stillPending;
    private final Snapshot snapshot = new Snapshot();
    private final ExecutorService binders = Executors.newVirtualThreadPerTaskExecutor();
    /** Events and status writes are best effort and must not slow the cycle; one thread keeps their order. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("scheduler-writer").factory());
    private final Semaphore inFlight = new Semaphore(MAX_BINDINGS_IN_FLIGHT);

    SchedulingLoop(SchedulingQueue queue, SchedulerCache cache, Framework framework, ScheduleAlgorithm algorithm,
                   EventRecorder events, PodConditionWriter conditions, Predicate<Pod> stillPending) {
        this.queue = queue;
        this.cache = cache;
        this.framework = framework;
        this.algorithm = algorithm;
        this.events = events;
        this.conditions = conditions;
        this.stillPending = stillPending;
    }

    @Override
    public void run() {
        try {
            QueuedPod q;
            while ((q = queue.pop()) != null) {
                try {
                    scheduleOne(q);
                } catch (RuntimeException e) {
                    LOG.error("scheduling {}/{} failed", q.pod().getMetadata().getNamespace(), q.pod().getMetadata().getName(), e);
                    queue.addUnschedulable(q, queue.cycle(), Set.of());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            binders.shutdownNow();
            writer.shutdownNow();
        }
    }

    void scheduleOne(QueuedPod q) throws InterruptedException {
        Pod pod = q.pod();
        long cycle = queue.cycle();
        if (cache.isPlaced(pod) || !stillPending.test(pod)) {
            queue.done(q); // a stale entry: the pod was bound, assumed or deleted meanwhile
            return;
        }
        cache.updateSnapshot(snapshot);
        CycleState state = new CycleState();
        ScheduleAlgorithm.Result result = algorithm.schedule(state, pod, snapshot.nodes());
        if (result.node() == null) {
            fail(q, cycle, result.diagnosis().message(), result.diagnosis().rejectedBy());
            return;
        }
        String node = result.node();
        cache.assume(pod, node);
        Status reserved = framework.runReserve(state, pod, node);
        if (!reserved.isSuccess()) {
            cache.forget(pod);
            fail(q, cycle, reserved.message(), Set.of());
            return;
        }
        queue.done(q);
        inFlight.acquire();
        binders.execute(() -> {
            try {
                bind(q, state, node);
            } finally {
                inFlight.release();
            }
        });
    }

    private void bind(QueuedPod q, CycleState state, String node) {
        Status bound = framework.runBind(q.pod(), node);
        if (bound.isSuccess()) {
            String message = "Successfully assigned " + q.pod().getMetadata().getNamespace() + "/"
                    + q.pod().getMetadata().getName() + " to " + node;
            writer.execute(() -> events.record(q.pod(), "Normal", "Scheduled", message));
            return;
        }
        framework.runUnreserve(state, q.pod(), node);
        cache.forget(q.pod());
        LOG.info("binding {}/{} to {}: {}", q.pod().getMetadata().getNamespace(), q.pod().getMetadata().getName(), node, bound.message());
        queue.retryAfterError(q);
    }

    private void fail(QueuedPod q, long cycle, String message, Set<String> rejectedBy) {
        queue.addUnschedulable(q, cycle, rejectedBy);
        Pod pod = q.pod();
        writer.execute(() -> {
            events.record(pod, "Warning", "FailedScheduling", message);
            conditions.unschedulable(pod, message);
        });
    }
}

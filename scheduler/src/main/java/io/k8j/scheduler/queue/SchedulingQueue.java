package io.k8j.scheduler.queue;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.scheduler.framework.PodInfo;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * kube-scheduler's three-part queue. activeQ: pods to try now, highest priority first, then oldest.
 * backoffQ: pods that failed recently and wait out an exponential backoff (1 s doubling to 10 s).
 * unschedulable: pods no node fits; a cluster event that may help moves them back (to backoffQ while
 * their backoff lasts). A pod that fails in a cycle during which such an event arrived goes to
 * backoffQ rather than unschedulable, so the event is not lost. Time comes from the injected clock.
 */
public final class SchedulingQueue {
    private final LongSupplier nanoClock;
    private final long initialBackoff;
    private final long maxBackoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nonEmpty = lock.newCondition();
    private final PriorityQueue<QueuedPod> active = new PriorityQueue<>(Comparator.comparingInt(QueuedPod::priority)
            .reversed().thenComparing(QueuedPod::created));
    private final PriorityQueue<QueuedPod> backoff = new PriorityQueue<>(Comparator.comparingLong(this::backoffExpiry));
    private final Map<String, QueuedPod> unschedulable = new HashMap<>();
    /** Every queued pod by key, in whichever part, plus pods being scheduled (to pick up updates). */
    private final Map<String, QueuedPod> all = new HashMap<>();
    private long cycle;
    private long moveRequestCycle = -1;
    private boolean closed;

    public SchedulingQueue(LongSupplier nanoClock, Duration initialBackoff, Duration maxBackoff) {
        this.nanoClock = nanoClock;
        this.initialBackoff = initialBackoff.toNanos();
        this.maxBackoff = maxBackoff.toNanos();
    }

    /** A new or updated pending pod; an update to an unschedulable pod may make it fit, so it is retried. */
    public void addOrUpdate(Pod pod) {
        withLock(() -> {
            QueuedPod q = all.get(PodInfo.key(pod));
            if (q == null) {
                q = new QueuedPod(pod, nanoClock.getAsLong());
                all.put(q.key, q);
                activate(q);
            } else {
                q.pod = pod;
                if (unschedulable.remove(q.key) != null) {
                    requeue(q);
                }
            }
        });
    }

    public void delete(Pod pod) {
        withLock(() -> {
            QueuedPod q = all.remove(PodInfo.key(pod));
            if (q != null) {
                active.remove(q);
                backoff.remove(q);
                unschedulable.remove(q.key);
            }
        });
    }

    /** Blocks until a pod is due, moving finished backoffs to activeQ; null once closed. */
    public QueuedPod pop() throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                flushBackoff();
                QueuedPod q = active.poll();
                if (q != null) {
                    q.attempts++;
                    cycle++;
                    return q;
                }
                QueuedPod next = backoff.peek();
                long wait = next == null ? TimeUnit.SECONDS.toNanos(1) : Math.max(1, backoffExpiry(next) - nanoClock.getAsLong());
                nonEmpty.awaitNanos(Math.min(wait, TimeUnit.SECONDS.toNanos(1)));
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** The pod is placed (assumed); it leaves the queue unless its binding fails and it is re-added. */
    public void done(QueuedPod q) {
        withLock(() -> all.remove(q.key, q));
    }

    /** The cycle found no node (or failed): park it, or back it off when a move request raced the cycle. */
    public void addUnschedulable(QueuedPod q, long podCycle, Set<String> rejectedBy) {
        withLock(() -> {
            if (all.get(q.key) != q) {
                return; // deleted (or replaced) while it was being scheduled
            }
            q.timestampNanos = nanoClock.getAsLong();
            q.unschedulablePlugins = rejectedBy;
            if (moveRequestCycle >= podCycle || rejectedBy.isEmpty()) {
                backoff.add(q);
            } else {
                unschedulable.put(q.key, q);
            }
        });
    }

    /** A placed pod whose binding failed: back into the queue after its backoff, unless deleted meanwhile. */
    public void retryAfterError(QueuedPod q) {
        withLock(() -> {
            if (all.putIfAbsent(q.key, q) == null) {
                q.timestampNanos = nanoClock.getAsLong();
                backoff.add(q);
            }
        });
    }

    /** A cluster event: unschedulable pods that {@code mayHelp} go back to be retried. */
    public void moveAllToActiveOrBackoff(Predicate<QueuedPod> mayHelp) {
        withLock(() -> {
            unschedulable.values().removeIf(q -> {
                if (!mayHelp.test(q)) {
                    return false;
                }
                requeue(q);
                return true;
            });
            moveRequestCycle = cycle;
        });
    }

    /** The cycle number of the last pop, to pass to {@link #addUnschedulable}. */
    public long cycle() {
        lock.lock();
        try {
            return cycle;
        } finally {
            lock.unlock();
        }
    }

    public void close() {
        withLock(() -> closed = true);
    }

    /** Sizes of activeQ, backoffQ and unschedulable, for tests and logs. */
    public int[] sizes() {
        lock.lock();
        try {
            return new int[]{active.size(), backoff.size(), unschedulable.size()};
        } finally {
            lock.unlock();
        }
    }

    private void requeue(QueuedPod q) {
        if (backoffExpiry(q) > nanoClock.getAsLong()) {
            backoff.add(q);
        } else {
            activate(q);
        }
    }

    private void activate(QueuedPod q) {
        active.add(q);
        nonEmpty.signalAll();
    }

    private void flushBackoff() {
        long now = nanoClock.getAsLong();
        while (!backoff.isEmpty() && backoffExpiry(backoff.peek()) <= now) {
            active.add(backoff.poll());
        }
    }

    /** 1 s, 2 s, 4 s, ... capped, counted from the last failure. */
    private long backoffExpiry(QueuedPod q) {
        int shifts = Math.min(Math.max(q.attempts - 1, 0), 30);
        long d = initialBackoff << shifts;
        return q.timestampNanos + (d <= 0 || d > maxBackoff ? maxBackoff : d);
    }

    private void withLock(Runnable r) {
        lock.lock();
        try {
            r.run();
        } finally {
            lock.unlock();
        }
    }
}

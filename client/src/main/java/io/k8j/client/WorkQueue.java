package io.k8j.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A work queue in client-go's shape: a key is queued at most once; a key being processed is not handed
 * out again, and if it is added meanwhile it is queued once processing is done; failed keys come back
 * after a per-key exponential backoff (5 ms doubling up to a cap) that {@link #forget} resets.
 *
 * <p>Guarded by a {@link ReentrantLock}, not a monitor: its workers are virtual threads, and with a monitor
 * both carrier threads of a 2-core process were found held by idle workers in {@code Object.wait} on it, one
 * waiting, one blocked re-entering, while every other virtual thread (the hollow nodes' heartbeats) waited
 * for a carrier for minutes.
 */
public final class WorkQueue {
    private static final Duration BASE_DELAY = Duration.ofMillis(5);
    private static final Duration MAX_DELAY = Duration.ofSeconds(60);

    private record Entry(String key, long dueNanos) {
    }

    private final LongSupplier nanoTime;
    private final PriorityQueue<Entry> waiting = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos, b.dueNanos));
    private final Map<String, Long> due = new HashMap<>();
    private final Set<String> processing = new HashSet<>();
    /** Keys added while being processed, with the earliest time they were asked for. */
    private final Map<String, Long> dirty = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean shutDown;

    public WorkQueue() {
        this(System::nanoTime);
    }

    /** {@code nanoTime} is injectable so that tests control time. */
    public WorkQueue(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    public void add(String key) {
        addAfter(key, Duration.ZERO);
    }

    public void addAfter(String key, Duration delay) {
        lock.lock();
        try {
            if (shutDown) {
                return;
            }
            long when = nanoTime.getAsLong() + delay.toNanos();
            if (processing.contains(key)) {
                // Kept with its time: a reconcile asking to be run again in a minute must not run again at once.
                dirty.merge(key, when, Math::min);
                return;
            }
            schedule(key, when);
        } finally {
            lock.unlock();
        }
    }

    private void schedule(String key, long when) {
        Long current = due.get(key);
        if (current != null && current <= when) {
            return;
        }
        due.put(key, when);
        waiting.add(new Entry(key, when));
        // One waiter is enough: whichever worker wakes takes the new head or waits for its time.
        changed.signal();
    }

    /** Requeues {@code key} after its backoff, which doubles with each failure until {@link #forget}. */
    public void addRateLimited(String key) {
        lock.lock();
        try {
            int n = failures.merge(key, 1, Integer::sum);
            long delay = Math.min(MAX_DELAY.toNanos(), BASE_DELAY.toNanos() << Math.min(n - 1, 30));
            addAfter(key, Duration.ofNanos(delay));
        } finally {
            lock.unlock();
        }
    }

    public void forget(String key) {
        lock.lock();
        try {
            failures.remove(key);
        } finally {
            lock.unlock();
        }
    }

    /** The next due key, waiting up to {@code timeout}; null on timeout or shutdown. */
    public String poll(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long deadline = nanoTime.getAsLong() + timeout.toNanos();
            while (!shutDown) {
                long now = nanoTime.getAsLong();
                Entry head = waiting.peek();
                while (head != null && !Long.valueOf(head.dueNanos).equals(due.get(head.key))) {
                    waiting.poll();
                    head = waiting.peek();
                }
                if (head != null && head.dueNanos <= now) {
                    waiting.poll();
                    due.remove(head.key);
                    processing.add(head.key);
                    return head.key;
                }
                long wait = Math.min(deadline - now, head == null ? Long.MAX_VALUE : head.dueNanos - now);
                if (wait <= 0) {
                    return null;
                }
                // At least a millisecond: an injected clock that does not move must not make this spin.
                changed.await(Math.max(TimeUnit.MILLISECONDS.toNanos(1), wait), TimeUnit.NANOSECONDS);
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Marks {@code key} processed; a key added while it was processed is queued, for when it was asked. */
    public void done(String key) {
        lock.lock();
        try {
            processing.remove(key);
            Long when = dirty.remove(key);
            if (when != null && !shutDown) {
                schedule(key, when);
            }
        } finally {
            lock.unlock();
        }
    }

    public int length() {
        lock.lock();
        try {
            return due.size();
        } finally {
            lock.unlock();
        }
    }

    public void shutDown() {
        lock.lock();
        try {
            shutDown = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}

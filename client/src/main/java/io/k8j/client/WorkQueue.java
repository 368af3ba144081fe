package io.k8j.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A work queue in client-go's shape: a key is queued at most once; a key being processed is not handed
 * out again, and if it is added meanwhile it is queued once processing is done; failed keys come back
 * after a per-key exponential backoff (5 ms doubling up to a cap) that {@link #forget} resets. A delayed
 * add waits its time even when made while the key is processed (a reconcile asking to be run again later),
 * as client-go's delaying queue does; only when it is due does it count as an add.
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
    private final Set<String> dirty = new HashSet<>();
    private final Map<String, Integer> failures = new HashMap<>();
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

    public synchronized void addAfter(String key, Duration delay) {
        if (shutDown) {
            return;
        }
        if (delay.isZero() && processing.contains(key)) {
            dirty.add(key);
            return;
        }
        long when = nanoTime.getAsLong() + delay.toNanos();
        Long current = due.get(key);
        if (current != null && current <= when) {
            return;
        }
        due.put(key, when);
        waiting.add(new Entry(key, when));
        notifyAll();
    }

    /** Requeues {@code key} after its backoff, which doubles with each failure until {@link #forget}. */
    public synchronized void addRateLimited(String key) {
        int n = failures.merge(key, 1, Integer::sum);
        long delay = Math.min(MAX_DELAY.toNanos(), BASE_DELAY.toNanos() << Math.min(n - 1, 30));
        addAfter(key, Duration.ofNanos(delay));
    }

    public synchronized void forget(String key) {
        failures.remove(key);
    }

    /** The next due key, waiting up to {@code timeout}; null on timeout or shutdown. */
    public synchronized String poll(Duration timeout) throws InterruptedException {
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
                if (processing.contains(head.key)) {
                    dirty.add(head.key);
                    continue;
                }
                processing.add(head.key);
                return head.key;
            }
            long wait = Math.min(deadline - now, head == null ? Long.MAX_VALUE : head.dueNanos - now);
            if (wait <= 0) {
                return null;
            }
            wait(Math.max(1, wait / 1_000_000));
        }
        return null;
    }

    /** Marks {@code key} processed; a key added while it was processed is queued now. */
    public synchronized void done(String key) {
        processing.remove(key);
        if (dirty.remove(key)) {
            addAfter(key, Duration.ZERO);
        }
    }

    public synchronized int length() {
        return due.size();
    }

    public synchronized void shutDown() {
        shutDown = true;
        notifyAll();
    }
}

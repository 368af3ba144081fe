package io.k8j.proxy;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs a task on one thread when asked, at most once per {@code minIntervalNanos}: requests that come while a run
 * is due are folded into it (kube-proxy's BoundedFrequencyRunner). A burst of endpoint changes is one sync.
 */
final class ThrottledRunner {
    private final ScheduledExecutorService executor;
    private final Runnable task;
    private final long minIntervalNanos;
    private final LongSupplier nanoClock;
    private ScheduledFuture<?> pending;
    private long lastRun = Long.MIN_VALUE;

    ThrottledRunner(ScheduledExecutorService executor, Runnable task, long minIntervalNanos, LongSupplier nanoClock) {
        this.executor = executor;
        this.task = task;
        this.minIntervalNanos = minIntervalNanos;
        this.nanoClock = nanoClock;
    }

    /** Asks for a run: now if the last one was long enough ago, else once the interval has passed. */
    synchronized void request() {
        if (pending != null && !pending.isDone()) {
            return;
        }
        long now = nanoClock.getAsLong();
        long delay = lastRun == Long.MIN_VALUE ? 0 : Math.max(0, lastRun + minIntervalNanos - now);
        pending = executor.schedule(this::run, delay, TimeUnit.NANOSECONDS);
    }

    private void run() {
        synchronized (this) {
            lastRun = nanoClock.getAsLong();
            pending = null;
        }
        task.run();
    }
}

package io.k8j.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Workers that take keys from a {@link WorkQueue} and run a {@link Reconciler} on each, one key at a time. */
public final class ControllerLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerLoop.class);

    private final String name;
    private final WorkQueue queue;
    private final Reconciler reconciler;
    private final int workers;
    private final List<Thread> threads = new ArrayList<>();

    public ControllerLoop(String name, WorkQueue queue, Reconciler reconciler, int workers) {
        this.name = name;
        this.queue = queue;
        this.reconciler = reconciler;
        this.workers = workers;
    }

    public void start() {
        for (int i = 0; i < workers; i++) {
            threads.add(Thread.ofVirtual().name(name + "-" + i).start(this::work));
        }
    }

    private void work() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                String key = queue.poll(Duration.ofSeconds(1));
                if (key != null) {
                    process(key);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void process(String key) {
        try {
            Duration again = reconciler.reconcile(key);
            queue.forget(key);
            if (again != null) {
                queue.addAfter(key, again);
            }
        } catch (Exception e) {
            if (ApiErrors.isExpected(e)) {
                LOG.debug("{}: syncing {} is retried: {}", name, key, ApiErrors.summary(e));
            } else {
                LOG.warn("{}: syncing {} failed: {}", name, key, ApiErrors.summary(e));
            }
            queue.addRateLimited(key);
        } finally {
            queue.done(key);
        }
    }

    @Override
    public void close() {
        queue.shutDown();
        threads.forEach(Thread::interrupt);
    }
}

package io.k8j.cli;

import io.k8j.client.LeaderElected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * Keeps a leader-elected component standing for election. An instance that lost its lease stops for good
 * (another may already act on what it cached), so it is closed and a fresh one, with empty caches, takes
 * its place; kube's components get the same by exiting and being restarted by their supervisor.
 */
final class Reelecting implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reelecting.class);

    private final String name;
    private final Supplier<LeaderElected> factory;
    private final Executor executor;
    private LeaderElected current;
    private boolean closed;

    private Reelecting(String name, Supplier<LeaderElected> factory, Executor executor) {
        this.name = name;
        this.factory = factory;
        this.executor = executor;
    }

    static Reelecting start(String name, Supplier<LeaderElected> factory) {
        // Not on the thread that reports the loss: that is the lost instance's own election.
        return start(name, factory, ForkJoinPool.commonPool());
    }

    static Reelecting start(String name, Supplier<LeaderElected> factory, Executor executor) {
        Reelecting r = new Reelecting(name, factory, executor);
        r.run();
        return r;
    }

    private synchronized void run() {
        LeaderElected instance = factory.get();
        current = instance;
        instance.lostLeadership().thenRunAsync(() -> replace(instance), executor);
    }

    private synchronized void replace(LeaderElected lost) {
        if (closed || lost != current) {
            return;
        }
        LOG.warn("{} lost its lease; a fresh instance stands for election", name);
        lost.close();
        run();
    }

    @Override
    public synchronized void close() {
        closed = true;
        current.close();
    }
}

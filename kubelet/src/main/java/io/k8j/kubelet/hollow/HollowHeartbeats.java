package io.k8j.kubelet.hollow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The heartbeats of all hollow nodes from one timer thread, each beat on a virtual thread of its own so that
 * the nodes are as independent as real kubelets (with a pool of a few workers, a slow API server would stretch
 * every node's period past the grace period). Node i of N beats at i/N of the period, so that 5000 nodes
 * renew their Leases evenly (500 a second at 10 s) instead of all at once, though at most 20 ms apart, so that
 * a few nodes register within a second; a node whose previous heartbeat has not finished skips a beat rather
 * than piling up.
 */
final class HollowHeartbeats implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HollowHeartbeats.class);
    private static final long MAX_STAGGER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * Heartbeats in flight at once. They share the heartbeat client's one HTTP/2 connection, on which the API
     * server allows 250 streams (as Go's default does for kube-apiserver); the JDK client fails a request
     * beyond that ("too many concurrent streams") rather than wait or open another connection.
     */
    private static final int MAX_IN_FLIGHT = 200;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("hollow-heartbeats").factory());
    private final ExecutorService beats = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("hollow-heartbeat-", 0).factory());
    private final Set<String> beating = ConcurrentHashMap.newKeySet();
    private final AtomicInteger registered = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

    HollowHeartbeats() {
        // A skipped beat fails nothing, so say how many there were: a Lease renewed late is a node going NotReady.
        timer.scheduleAtFixedRate(() -> {
            int n = skipped.getAndSet(0);
            if (n > 0) {
                LOG.warn("{} heartbeats skipped in the last minute: the API server answers slower than the nodes beat", n);
            }
        }, 1, 1, TimeUnit.MINUTES);
    }

    void start(List<HollowNode> nodes, Duration period) {
        long periodNanos = period.toNanos();
        long stagger = Math.min(MAX_STAGGER_NANOS, periodNanos / nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            HollowNode node = nodes.get(i);
            long offset = stagger * i;
            timer.scheduleAtFixedRate(() -> submit(node, nodes.size()), offset, periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void submit(HollowNode node, int total) {
        if (!beating.add(node.name())) {
            skipped.incrementAndGet();
            return;
        }
        beats.execute(() -> {
            boolean wasRegistered = node.registered();
            try {
                inFlight.acquire();
                try {
                    node.heartbeat();
                } finally {
                    inFlight.release();
                }
            } catch (InterruptedException e) {
                return; // closing
            } catch (RuntimeException e) {
                LOG.warn("hollow node {}: heartbeat failed: {}", node.name(), rootCause(e));
            } finally {
                beating.remove(node.name());
                // Counted on registration itself: a beat may register the node and then fail its Lease.
                if (!wasRegistered && node.registered() && registered.incrementAndGet() == total) {
                    LOG.info("all {} hollow nodes registered", total);
                }
            }
        });
    }

    /** fabric8 wraps transport failures in "An error has occurred"; the cause is what says why. */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e.getMessage() + " (" + root + ")";
    }

    @Override
    public void close() {
        timer.shutdownNow();
        beats.shutdownNow();
    }
}

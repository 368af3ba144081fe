package io.k8j.client;

import io.fabric8.kubernetes.api.model.ObjectReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Events off the caller's thread, as client-go's broadcaster: {@link #record} only checks the spam filter
 * and queues, so a slow API server never holds up the caller; one virtual thread writes them in order to
 * the target. A full queue drops the Event with a log line.
 */
public final class AsyncEventSink implements EventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncEventSink.class);
    /** client-go's maxQueuedEvents. */
    public static final int CAPACITY = 1000;

    private final EventSink target;
    private final EventSpamFilter spamFilter;
    private final BlockingQueue<Queued> queue;
    private final Thread writer;

    public AsyncEventSink(EventSink target, EventSpamFilter spamFilter, int capacity) {
        this.target = target;
        this.spamFilter = spamFilter;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = Thread.ofVirtual().name("event-writer").start(this::drain);
    }

    @Override
    public void record(ObjectReference involved, String type, String reason, String message) {
        // Filtered before queueing, so that one object's flood cannot crowd out the others' Events.
        if (!spamFilter.allow(involved)) {
            LOG.debug("event {} on {} dropped: too many events about it", reason, involved.getName());
            return;
        }
        if (!queue.offer(new Queued(involved, type, reason, message))) {
            LOG.warn("event {} on {}/{} dropped: {} events already queued", reason, involved.getNamespace(),
                    involved.getName(), queue.size());
        }
    }

    private void drain() {
        try {
            while (true) {
                Queued e = queue.take();
                try {
                    target.record(e.involved, e.type, e.reason, e.message);
                } catch (RuntimeException ex) {
                    LOG.warn("event {} on {} not recorded: {}", e.reason, e.involved.getName(), ApiErrors.summary(ex));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops writing; Events still queued are dropped. */
    @Override
    public void close() {
        writer.interrupt();
    }

    private record Queued(ObjectReference involved, String type, String reason, String message) {
    }
}

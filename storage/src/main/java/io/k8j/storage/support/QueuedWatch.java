package io.k8j.storage.support;

import io.k8j.storage.KeyValue;
import io.k8j.storage.StorageException;
import io.k8j.storage.WatchEvent;
import io.k8j.storage.WatchHandle;
import io.k8j.storage.WatchListener;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch's own delivery: the publisher {@link #offer offers} events without ever blocking, and a
 * virtual thread hands them to the listener in order. A listener that falls {@code capacity} events
 * behind is cut off ({@link WatchListener#onTerminated}) instead of slowing the writers or holding
 * memory without bound; the client then relists, as with a 410 from the API server.
 */
public final class QueuedWatch implements WatchHandle {
    private static final Logger log = LoggerFactory.getLogger(QueuedWatch.class);
    private static final WatchEvent WAKE = new WatchEvent(WatchEvent.Type.CREATE, new KeyValue("", new byte[0], 0, 0), null);

    /** History to deliver before live events; stops early when {@code sink} returns false (watch ended). */
    public interface Replay {
        void run(Predicate<WatchEvent> sink);
    }

    private final String prefix;
    private final long afterRevision;
    private final int capacity;
    private final Consumer<WatchEvent> listener;
    private final Consumer<QueuedWatch> onEnd;
    private final LinkedBlockingQueue<WatchEvent> queue = new LinkedBlockingQueue<>();
    private final ReentrantLock delivering = new ReentrantLock();
    private final AtomicReference<StorageException> terminal = new AtomicReference<>();
    private volatile boolean closed;
    private volatile Thread thread;

    /** {@code onEnd} unregisters the watch from its publisher; it may run more than once. */
    public QueuedWatch(String prefix, long afterRevision, int capacity, Consumer<WatchEvent> listener, Consumer<QueuedWatch> onEnd) {
        this.prefix = prefix;
        this.afterRevision = afterRevision;
        this.capacity = capacity;
        this.listener = listener;
        this.onEnd = onEnd;
    }

    public void start(Replay replay) {
        Thread t = Thread.ofVirtual().name("watch " + prefix + " after " + afterRevision).unstarted(() -> run(replay));
        thread = t;
        t.start();
    }

    public long afterRevision() {
        return afterRevision;
    }

    /** Queues {@code event} if it is under the prefix and after the start revision. Never blocks. */
    public void offer(WatchEvent event) {
        if (closed || terminal.get() != null || event.revision() <= afterRevision || !event.kv().key().startsWith(prefix)) {
            return;
        }
        if (queue.size() >= capacity) {
            terminate(new StorageException("watch on " + prefix + " fell more than " + capacity + " events behind"));
            return;
        }
        queue.add(event);
    }

    /** Ends the watch from the store's side; pending events are dropped and the listener is told why. */
    public void terminate(StorageException cause) {
        if (terminal.compareAndSet(null, cause)) {
            queue.clear();
            queue.add(WAKE);
        }
    }

    @Override
    public void close() {
        closed = true;
        queue.add(WAKE);
        if (Thread.currentThread() != thread) {
            // Wait out an event being delivered right now, so none arrives after close() returns.
            delivering.lock();
            delivering.unlock();
        }
        onEnd.accept(this);
    }

    private void run(Replay replay) {
        try {
            if (replay != null) {
                replay.run(this::deliver);
            }
            while (deliver(queue.take())) {
                // each event is delivered inside deliver(); it returns false once the watch has ended
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (StorageException e) {
            terminate(e);
        } catch (RuntimeException e) {
            log.warn("watch listener on {} failed; ending the watch", prefix, e);
            terminate(new StorageException("watch listener failed", e));
        } finally {
            onEnd.accept(this);
            notifyTerminated();
        }
    }

    private boolean deliver(WatchEvent event) {
        delivering.lock();
        try {
            if (closed || terminal.get() != null) {
                return false;
            }
            if (event != WAKE) {
                listener.accept(event);
            }
            return true;
        } finally {
            delivering.unlock();
        }
    }

    private void notifyTerminated() {
        delivering.lock();
        try {
            StorageException cause = terminal.get();
            if (!closed && cause != null && listener instanceof WatchListener l) {
                l.onTerminated(cause);
            }
        } finally {
            delivering.unlock();
        }
    }
}

package io.k8j.storage.cache;

import io.k8j.storage.CompactedException;
import io.k8j.storage.ListResult;
import io.k8j.storage.Storage;
import io.k8j.storage.StorageException;
import io.k8j.storage.WatchEvent;
import io.k8j.storage.WatchHandle;
import io.k8j.storage.WatchListener;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watch cache's single backend watch, as a reflector runs it: list everything, watch from the
 * list's revision, and when the watch ends (the backend cut it off, or failed) resume from the last
 * applied revision, relisting only if the backend no longer has that history.
 */
final class CacheFeed implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CacheFeed.class);
    private static final long MAX_BACKOFF_MS = 5_000;

    private final Storage backend;
    private final Consumer<ListResult> reload;
    private final Consumer<WatchEvent> apply;
    private final LongSupplier position;
    private WatchHandle handle;
    private boolean closed;

    /** {@code position} is the revision of the last event {@code apply} took. */
    CacheFeed(Storage backend, Consumer<ListResult> reload, Consumer<WatchEvent> apply, LongSupplier position) {
        this.backend = backend;
        this.reload = reload;
        this.apply = apply;
        this.position = position;
    }

    /** Loads and starts following; a backend that cannot be listed fails the caller. */
    void start() {
        relist();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (handle != null) {
            handle.close();
        }
    }

    private synchronized boolean closed() {
        return closed;
    }

    private void relist() {
        ListResult all = backend.list("", null, 0);
        reload.accept(all);
        watchFrom(all.revision());
    }

    private synchronized void watchFrom(long revision) {
        if (!closed) {
            handle = backend.watch("", revision, WatchListener.of(apply, this::ended));
        }
    }

    /** Runs on the ended watch's own thread, after its last event was applied. */
    private void ended(StorageException cause) {
        log.info("watch cache feed ended at revision {} ({}); resuming", position.getAsLong(), cause.getMessage());
        Thread.ofVirtual().name("watch-cache-resume").start(this::resume);
    }

    private void resume() {
        for (long backoff = 100; !closed(); backoff = Math.min(backoff * 2, MAX_BACKOFF_MS)) {
            try {
                try {
                    watchFrom(position.getAsLong());
                } catch (CompactedException e) {
                    log.info("watch cache missed compacted history ({}); relisting", e.getMessage());
                    relist();
                }
                return;
            } catch (StorageException e) {
                log.warn("watch cache cannot follow the backend, retrying in {} ms: {}", backoff, e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}

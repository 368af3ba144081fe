package io.k8j.apiserver.authz;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.Json;
import io.k8j.storage.KeyValue;
import io.k8j.storage.ListResult;
import io.k8j.storage.Storage;
import io.k8j.storage.StorageException;
import io.k8j.storage.WatchEvent;
import io.k8j.storage.WatchHandle;
import io.k8j.storage.WatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feeds an in-memory index from storage (the watch cache), as an informer does: one list of every object under a
 * key prefix, then a watch from that revision. If the store ends the watch (the listener fell behind, history was
 * compacted), the prefix is listed again: listed objects overwrite, and only those no longer listed are dropped,
 * so requests keep being authorized meanwhile.
 */
public final class StoreFeed implements AutoCloseable {
    /** Receives each object: its key's segments after the prefix, and the object (null when it was deleted). */
    @FunctionalInterface
    public interface Sink {
        void put(List<String> key, JsonNode obj);
    }

    private static final Logger LOG = LoggerFactory.getLogger(StoreFeed.class);

    private final Storage storage;
    private final String prefix;
    private final Sink sink;
    private volatile WatchHandle watch;
    private volatile boolean closed;
    /** Keys in the index, to drop those a relist no longer finds. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    private StoreFeed(Storage storage, String prefix, Sink sink) {
        this.storage = storage;
        this.prefix = prefix;
        this.sink = sink;
    }

    /** Lists and starts watching; the index is complete when this returns. */
    public static StoreFeed start(Storage storage, String prefix, Sink sink) {
        StoreFeed feed = new StoreFeed(storage, prefix, sink);
        feed.listAndWatch();
        return feed;
    }

    private synchronized void listAndWatch() {
        if (closed) {
            return;
        }
        ListResult list = storage.list(prefix, null, 0);
        Set<String> stale = new HashSet<>(known);
        for (KeyValue kv : list.items()) {
            apply(kv, false);
            stale.remove(kv.key());
        }
        stale.forEach(key -> apply(new KeyValue(key, null, 0, 0), true));
        watch = storage.watch(prefix, list.revision(), WatchListener.of(
                e -> apply(e.kv(), e.type() == WatchEvent.Type.DELETE), this::restart));
    }

    private void restart(StorageException cause) {
        LOG.info("watch of {} ended ({}); listing again", prefix,
                cause == null ? "after a failed list" : cause.getMessage());
        Thread.ofVirtual().start(() -> {
            try {
                listAndWatch();
            } catch (RuntimeException e) {
                // as an informer does: keep the last known state and try again shortly
                LOG.warn("listing {} failed: {}; retrying in 1 s", prefix, e.toString());
                sleepQuietly();
                restart(null);
            }
        });
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void apply(KeyValue kv, boolean deleted) {
        sink.put(List.of(kv.key().substring(prefix.length()).split("/")), deleted ? null : Json.parseObject(kv.value()));
        if (deleted) {
            known.remove(kv.key());
        } else {
            known.add(kv.key());
        }
    }

    @Override
    public void close() {
        closed = true;
        WatchHandle w = watch;
        if (w != null) {
            w.close();
        }
    }
}

package io.k8j.apiserver.authz;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feeds an {@link RbacIndex} from storage (the watch cache): one list of every rbac.authorization.k8s.io object,
 * then a watch from that revision. If the store ends the watch (the listener fell behind, history was
 * compacted), the index is listed again: listed objects overwrite, and only those no longer listed are dropped,
 * so requests keep being authorized meanwhile.
 */
public final class RbacStoreFeed implements AutoCloseable {
    static final String PREFIX = "/registry/rbac.authorization.k8s.io/";
    private static final Logger LOG = LoggerFactory.getLogger(RbacStoreFeed.class);

    private final Storage storage;
    private final RbacIndex index;
    private volatile WatchHandle watch;
    private volatile boolean closed;
    /** Keys in the index, to drop those a relist no longer finds. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    private RbacStoreFeed(Storage storage, RbacIndex index) {
        this.storage = storage;
        this.index = index;
    }

    /** Lists and starts watching; the index is complete when this returns. */
    public static RbacStoreFeed start(Storage storage, RbacIndex index) {
        RbacStoreFeed feed = new RbacStoreFeed(storage, index);
        feed.listAndWatch();
        return feed;
    }

    private synchronized void listAndWatch() {
        if (closed) {
            return;
        }
        ListResult list = storage.list(PREFIX, null, 0);
        Set<String> stale = new HashSet<>(known);
        for (KeyValue kv : list.items()) {
            apply(kv, false);
            stale.remove(kv.key());
        }
        stale.forEach(key -> apply(new KeyValue(key, null, 0, 0), true));
        watch = storage.watch(PREFIX, list.revision(), WatchListener.of(
                e -> apply(e.kv(), e.type() == WatchEvent.Type.DELETE), this::restart));
    }

    private void restart(StorageException cause) {
        LOG.info("RBAC watch ended ({}); listing again", cause == null ? "after a failed list" : cause.getMessage());
        Thread.ofVirtual().start(() -> {
            try {
                listAndWatch();
            } catch (RuntimeException e) {
                // as an informer does: keep the last known grants and try again shortly
                LOG.warn("listing RBAC objects failed: {}; retrying in 1 s", e.toString());
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
        // keys: PREFIX + plural + "/" + name, or PREFIX + plural + "/" + namespace + "/" + name
        String[] parts = kv.key().substring(PREFIX.length()).split("/");
        String plural = parts[0];
        String namespace = parts.length == 3 ? parts[1] : "";
        String name = parts[parts.length - 1];
        index.put(plural, namespace, name, deleted ? null : Json.parseObject(kv.value()));
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

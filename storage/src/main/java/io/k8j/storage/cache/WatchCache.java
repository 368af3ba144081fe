package io.k8j.storage.cache;

import io.k8j.storage.CompactedException;
import io.k8j.storage.KeyValue;
import io.k8j.storage.ListResult;
import io.k8j.storage.Storage;
import io.k8j.storage.WatchEvent;
import io.k8j.storage.WatchHandle;
import io.k8j.storage.support.Keys;
import io.k8j.storage.support.QueuedWatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-apiserver's watch cache in front of any backend. Writes go straight to the backend. One
 * backend watch over all keys keeps a sorted copy of every current key-value and a ring of recent
 * events; gets and lists are answered from the copy, and watches from the ring plus live events, so
 * thousands of watchers cost the backend one watch.
 *
 * <p>Reads are consistent: each waits (up to {@code freshnessWait}) until the cache has applied the
 * backend's current revision, so a client reads its own writes; if the cache lags longer, the read
 * goes to the backend. Closing the cache closes the backend.
 */
public final class WatchCache implements Storage {
    private static final Logger log = LoggerFactory.getLogger(WatchCache.class);
    public static final int DEFAULT_CAPACITY = 10_000;
    public static final Duration DEFAULT_FRESHNESS_WAIT = Duration.ofSeconds(3);

    private final Storage backend;
    private final int capacity;
    private final Duration freshnessWait;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final NavigableMap<String, KeyValue> store = new TreeMap<>(Keys.ORDER);
    private final EventRing ring;
    private final List<QueuedWatch> watchers = new CopyOnWriteArrayList<>();
    /** Signalled whenever cacheRevision moves; a lock rather than a monitor, for the request virtual threads that wait on it. */
    private final ReentrantLock progressLock = new ReentrantLock();
    private final Condition progress = progressLock.newCondition();
    private final CacheFeed feed;
    private volatile long cacheRevision;

    public WatchCache(Storage backend) {
        this(backend, DEFAULT_CAPACITY, DEFAULT_FRESHNESS_WAIT);
    }

    /**
     * Loads every key from {@code backend} and starts following it.
     *
     * @param capacity events kept for watches to resume from; also how far one watcher may fall behind
     * @param freshnessWait how long a read waits for the cache to catch up before asking the backend
     */
    public WatchCache(Storage backend, int capacity, Duration freshnessWait) {
        this.backend = backend;
        this.capacity = capacity;
        this.freshnessWait = freshnessWait;
        this.ring = new EventRing(capacity, 0);
        this.feed = new CacheFeed(backend, this::reload, this::apply, () -> cacheRevision);
        feed.start();
    }

    /** The revision of the last backend event the cache applied. */
    public long cacheRevision() {
        return cacheRevision;
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        return backend.create(key, value);
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        return backend.update(key, value, expectedModRevision);
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        return backend.delete(key, expectedModRevision);
    }

    @Override
    public KeyValue get(String key) {
        if (!awaitFresh()) {
            return backend.get(key);
        }
        lock.readLock().lock();
        try {
            return store.get(key);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Straight from memory, without waiting for the cache to catch up with the backend. */
    @Override
    public KeyValue getRecent(String key) {
        lock.readLock().lock();
        try {
            return store.get(key);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public ListResult list(String prefix, String startAfter, int limit) {
        if (!awaitFresh()) {
            return backend.list(prefix, startAfter, limit);
        }
        return listRecent(prefix, startAfter, limit);
    }

    /** Straight from memory, without waiting for the cache to catch up with the backend. */
    @Override
    public ListResult listRecent(String prefix, String startAfter, int limit) {
        lock.readLock().lock();
        try {
            boolean continues = startAfter != null && Keys.compare(startAfter, prefix) >= 0;
            List<KeyValue> items = new ArrayList<>();
            for (Map.Entry<String, KeyValue> e : (continues ? store.tailMap(startAfter, false) : store.tailMap(prefix, true)).entrySet()) {
                if (!e.getKey().startsWith(prefix)) {
                    break; // keys under a prefix are contiguous in key order
                }
                if (limit > 0 && items.size() == limit) {
                    return new ListResult(List.copyOf(items), cacheRevision, true);
                }
                items.add(e.getValue());
            }
            return new ListResult(List.copyOf(items), cacheRevision, false);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public WatchHandle watch(String prefix, long afterRevision, Consumer<WatchEvent> listener) {
        QueuedWatch watch = new QueuedWatch(prefix, afterRevision, capacity, listener, watchers::remove);
        List<WatchEvent> backlog;
        // The read lock keeps apply() out, so the backlog and the live events meet without a gap.
        lock.readLock().lock();
        try {
            long oldest = ring.startRevision();
            if (afterRevision < oldest) {
                throw new CompactedException(afterRevision, oldest);
            }
            backlog = ring.after(afterRevision, prefix);
            watchers.add(watch);
        } finally {
            lock.readLock().unlock();
        }
        watch.start(backlog.isEmpty() ? null : sink -> {
            for (WatchEvent e : backlog) {
                if (!sink.test(e)) {
                    return;
                }
            }
        });
        return watch;
    }

    @Override
    public boolean isStale(String key) {
        return backend.isStale(key);
    }

    @Override
    public long currentRevision() {
        return backend.currentRevision();
    }

    /** Compacts the backend and forgets the same history here, so both refuse the same watches. */
    @Override
    public void compact(long revision) {
        backend.compact(revision);
        lock.writeLock().lock();
        try {
            ring.dropThrough(revision);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The oldest revision a watch on this cache can start after. */
    @Override
    public long compactedRevision() {
        lock.readLock().lock();
        try {
            return ring.startRevision();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The backend's compaction: the ring only bounds how far back watches can resume. */
    @Override
    public long listCompactedRevision() {
        return backend.compactedRevision();
    }

    @Override
    public String healthCheckName() {
        return backend.healthCheckName();
    }

    /** The backend's health: answering from memory says nothing about whether writes can be stored. */
    @Override
    public void checkHealth() {
        backend.checkHealth();
    }

    @Override
    public void close() {
        feed.close();
        for (QueuedWatch w : List.copyOf(watchers)) {
            w.close();
        }
        backend.close();
    }

    private void apply(WatchEvent event) {
        lock.writeLock().lock();
        try {
            if (event.type() == WatchEvent.Type.DELETE) {
                store.remove(event.kv().key());
            } else {
                store.put(event.kv().key(), event.kv());
            }
            ring.add(event);
            cacheRevision = event.revision();
            for (QueuedWatch w : watchers) {
                w.offer(event);
            }
        } finally {
            lock.writeLock().unlock();
        }
        progressed();
    }

    /** Replaces everything with a fresh listing; watchers cannot be told what they missed, so they end. */
    private void reload(ListResult all) {
        lock.writeLock().lock();
        try {
            store.clear();
            all.items().forEach(kv -> store.put(kv.key(), kv));
            ring.reset(all.revision());
            cacheRevision = all.revision();
            for (QueuedWatch w : watchers) {
                w.terminate(new CompactedException(w.afterRevision(), all.revision()));
            }
        } finally {
            lock.writeLock().unlock();
        }
        progressed();
    }

    private void progressed() {
        progressLock.lock();
        try {
            progress.signalAll();
        } finally {
            progressLock.unlock();
        }
    }

    /** Waits until the cache has applied the backend's current revision; false if it took too long. */
    private boolean awaitFresh() {
        long target = backend.currentRevision();
        if (cacheRevision >= target) {
            return true;
        }
        long left = freshnessWait.toNanos();
        progressLock.lock();
        try {
            while (cacheRevision < target) {
                if (left <= 0) {
                    log.debug("watch cache at {} did not reach {} within {}; reading from the backend", cacheRevision, target, freshnessWait);
                    return false;
                }
                left = progress.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            progressLock.unlock();
        }
    }
}

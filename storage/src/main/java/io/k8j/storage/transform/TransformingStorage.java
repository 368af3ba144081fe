package io.k8j.storage.transform;

import io.k8j.storage.ConflictException;
import io.k8j.storage.KeyValue;
import io.k8j.storage.ListResult;
import io.k8j.storage.Storage;
import io.k8j.storage.WatchEvent;
import io.k8j.storage.WatchHandle;
import io.k8j.storage.WatchListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A backend whose values pass through a {@link ValueTransformer} (encryption at rest): callers, the watch cache among
 * them, see plain values; the backend sees only transformed ones. A value that cannot be read back reaches callers
 * as an {@link Unreadable} marker rather than an exception, so it fails requests for that object only.
 *
 * <p>It remembers the prefix of each key's stored value, so that {@link #isStale} can tell the API server to write an
 * unchanged object anyway when the value is stored under an older key: how a rotation rewrites every secret.
 */
public final class TransformingStorage implements Storage {
    private final Storage backend;
    private final ValueTransformer transformer;
    private final Map<String, String> storedPrefixes = new ConcurrentHashMap<>();

    public TransformingStorage(Storage backend, ValueTransformer transformer) {
        this.backend = backend;
        this.transformer = transformer;
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        byte[] stored = transformer.toStorage(key, value);
        KeyValue kv = backend.create(key, stored);
        remember(key, transformer.writePrefix(key));
        return new KeyValue(key, value, kv.createRevision(), kv.modRevision());
    }

    @Override
    public KeyValue get(String key) {
        return read(backend.get(key));
    }

    @Override
    public ListResult list(String prefix, String startAfter, int limit) {
        ListResult page = backend.list(prefix, startAfter, limit);
        return new ListResult(page.items().stream().map(this::read).toList(), page.revision(), page.more());
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        byte[] stored = transformer.toStorage(key, value);
        try {
            KeyValue kv = backend.update(key, stored, expectedModRevision);
            remember(key, transformer.writePrefix(key));
            return new KeyValue(key, value, kv.createRevision(), kv.modRevision());
        } catch (ConflictException e) {
            throw new ConflictException(key, read(e.current()));
        }
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        try {
            KeyValue gone = read(backend.delete(key, expectedModRevision));
            storedPrefixes.remove(key);
            return gone;
        } catch (ConflictException e) {
            throw new ConflictException(key, read(e.current()));
        }
    }

    @Override
    public WatchHandle watch(String prefix, long afterRevision, Consumer<WatchEvent> listener) {
        Consumer<WatchEvent> onEvent = e -> listener.accept(read(e));
        return backend.watch(prefix, afterRevision, listener instanceof WatchListener l
                ? WatchListener.of(onEvent, l::onTerminated) : onEvent);
    }

    /** True when {@code key}'s value is stored otherwise than a write would store it now. */
    @Override
    public boolean isStale(String key) {
        return !transformer.writePrefix(key).equals(storedPrefixes.getOrDefault(key, ""));
    }

    /** Only prefixed values are remembered: most keys (resources not encrypted) cost nothing. */
    private void remember(String key, String prefix) {
        if (prefix.isEmpty()) {
            storedPrefixes.remove(key);
        } else {
            storedPrefixes.put(key, prefix);
        }
    }

    @Override
    public long currentRevision() {
        return backend.currentRevision();
    }

    @Override
    public void compact(long revision) {
        backend.compact(revision);
    }

    @Override
    public long compactedRevision() {
        return backend.compactedRevision();
    }

    @Override
    public long listCompactedRevision() {
        return backend.listCompactedRevision();
    }

    @Override
    public String healthCheckName() {
        return backend.healthCheckName();
    }

    @Override
    public void checkHealth() {
        backend.checkHealth();
    }

    @Override
    public void close() {
        backend.close();
    }

    private WatchEvent read(WatchEvent e) {
        WatchEvent plain = new WatchEvent(e.type(), read(e.kv()), e.prevKv() == null ? null : readOnly(e.prevKv()));
        if (e.type() == WatchEvent.Type.DELETE) {
            storedPrefixes.remove(e.kv().key());
        }
        return plain;
    }

    private KeyValue read(KeyValue kv) {
        if (kv == null) {
            return null;
        }
        try {
            ValueTransformer.Read r = transformer.fromStorage(kv.key(), kv.value());
            remember(kv.key(), r.storedPrefix());
            return new KeyValue(kv.key(), r.value(), kv.createRevision(), kv.modRevision());
        } catch (TransformException e) {
            storedPrefixes.remove(kv.key());
            return unreadable(kv, e);
        }
    }

    /** A value that is not the key's current one (a watch event's previous value): read without remembering. */
    private KeyValue readOnly(KeyValue kv) {
        try {
            return new KeyValue(kv.key(), transformer.fromStorage(kv.key(), kv.value()).value(), kv.createRevision(), kv.modRevision());
        } catch (TransformException e) {
            return unreadable(kv, e);
        }
    }

    private static KeyValue unreadable(KeyValue kv, TransformException e) {
        return new KeyValue(kv.key(), Unreadable.marker("unable to transform key \"" + kv.key() + "\": " + e.getMessage()),
                kv.createRevision(), kv.modRevision());
    }
}

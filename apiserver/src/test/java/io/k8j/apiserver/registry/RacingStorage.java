package io.k8j.apiserver.registry;

import io.k8j.storage.KeyValue;
import io.k8j.storage.ListResult;
import io.k8j.storage.Storage;
import io.k8j.storage.WatchEvent;
import io.k8j.storage.WatchHandle;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A storage that passes everything through, except that a test can slip one racing write in just
 * before the store's next update, after the store has read the object it is updating.
 */
final class RacingStorage implements Storage {
    private final Storage delegate;
    private final AtomicReference<Runnable> beforeNextUpdate = new AtomicReference<>();

    RacingStorage(Storage delegate) {
        this.delegate = delegate;
    }

    void beforeNextUpdate(Runnable racingWrite) {
        beforeNextUpdate.set(racingWrite);
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        Runnable race = beforeNextUpdate.getAndSet(null);
        if (race != null) {
            race.run();
        }
        return delegate.update(key, value, expectedModRevision);
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        return delegate.create(key, value);
    }

    @Override
    public KeyValue get(String key) {
        return delegate.get(key);
    }

    @Override
    public ListResult list(String prefix, String startAfter, int limit) {
        return delegate.list(prefix, startAfter, limit);
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        return delegate.delete(key, expectedModRevision);
    }

    @Override
    public WatchHandle watch(String prefix, long afterRevision, Consumer<WatchEvent> listener) {
        return delegate.watch(prefix, afterRevision, listener);
    }

    @Override
    public long currentRevision() {
        return delegate.currentRevision();
    }

    @Override
    public void compact(long revision) {
        delegate.compact(revision);
    }

    @Override
    public long compactedRevision() {
        return delegate.compactedRevision();
    }

    @Override
    public void close() {
        delegate.close();
    }
}

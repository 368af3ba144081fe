package io.k8j.storage;

import java.util.function.Consumer;

/** A {@link Storage} that hands every call to another; tests override single methods to inject faults. */
public class ForwardingStorage implements Storage {
    protected final Storage delegate;

    public ForwardingStorage(Storage delegate) {
        this.delegate = delegate;
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
    public ListResult listRecent(String prefix, String startAfter, int limit) {
        return delegate.listRecent(prefix, startAfter, limit);
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        return delegate.update(key, value, expectedModRevision);
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
    public long listCompactedRevision() {
        return delegate.listCompactedRevision();
    }

    @Override
    public String healthCheckName() {
        return delegate.healthCheckName();
    }

    @Override
    public void checkHealth() {
        delegate.checkHealth();
    }

    @Override
    public void close() {
        delegate.close();
    }
}

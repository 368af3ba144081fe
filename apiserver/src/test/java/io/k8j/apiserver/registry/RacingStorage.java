package io.k8j.apiserver.registry;

import io.k8j.storage.ForwardingStorage;
import io.k8j.storage.KeyValue;
import io.k8j.storage.Storage;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A storage that passes everything through, except that a test can slip one racing write in just
 * before the store's next update, after the store has read the object it is updating, or make the next
 * create fail as the backend would.
 */
final class RacingStorage extends ForwardingStorage {
    private final AtomicReference<Runnable> beforeNextUpdate = new AtomicReference<>();
    private final AtomicReference<RuntimeException> failNextCreate = new AtomicReference<>();

    RacingStorage(Storage delegate) {
        super(delegate);
    }

    void beforeNextUpdate(Runnable racingWrite) {
        beforeNextUpdate.set(racingWrite);
    }

    void failNextCreate(RuntimeException failure) {
        failNextCreate.set(failure);
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        RuntimeException failure = failNextCreate.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
        return super.create(key, value);
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        Runnable race = beforeNextUpdate.getAndSet(null);
        if (race != null) {
            race.run();
        }
        return super.update(key, value, expectedModRevision);
    }
}

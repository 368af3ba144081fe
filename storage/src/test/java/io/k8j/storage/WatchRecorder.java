package io.k8j.storage;

import java.util.ArrayList;
import java.util.List;

/** Test listener that records every event and the termination cause; safe to read from the test thread. */
public final class WatchRecorder implements WatchListener {
    private final List<WatchEvent> events = new ArrayList<>();
    private volatile StorageException terminated;

    @Override
    public synchronized void accept(WatchEvent event) {
        events.add(event);
    }

    @Override
    public void onTerminated(StorageException cause) {
        terminated = cause;
    }

    public synchronized List<WatchEvent> events() {
        return List.copyOf(events);
    }

    public synchronized int size() {
        return events.size();
    }

    public List<Long> revisions() {
        return events().stream().map(WatchEvent::revision).toList();
    }

    public List<String> keys() {
        return events().stream().map(e -> e.kv().key()).toList();
    }

    /** Null while the watch runs; the store's reason once it ended the watch by itself. */
    public StorageException terminated() {
        return terminated;
    }
}

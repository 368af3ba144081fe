package io.k8j.storage.cache;

import io.k8j.storage.WatchEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recent events, oldest first, in a fixed-size ring. It holds every event with a revision in
 * ({@link #startRevision()}, newest], so a watch can resume from any revision at or after the start.
 * Not thread-safe; the watch cache guards it.
 */
final class EventRing {
    private final WatchEvent[] events;
    private int head;
    private int size;
    private long start;

    EventRing(int capacity, long start) {
        this.events = new WatchEvent[capacity];
        this.start = start;
    }

    long startRevision() {
        return start;
    }

    void add(WatchEvent event) {
        if (event.revision() <= start) {
            return; // already forgotten by a compaction
        }
        if (size == events.length) {
            dropOldest();
        }
        events[(head + size) % events.length] = event;
        size++;
    }

    /** Events under {@code prefix} after {@code revision}, oldest first. */
    List<WatchEvent> after(long revision, String prefix) {
        List<WatchEvent> found = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            WatchEvent e = events[(head + i) % events.length];
            if (e.revision() > revision && e.kv().key().startsWith(prefix)) {
                found.add(e);
            }
        }
        return found;
    }

    /** Forgets events at and below {@code revision}. */
    void dropThrough(long revision) {
        while (size > 0 && events[head].revision() <= revision) {
            dropOldest();
        }
        start = Math.max(start, revision);
    }

    /** Forgets everything: the cache was reloaded at {@code revision}. */
    void reset(long revision) {
        while (size > 0) {
            dropOldest();
        }
        start = revision;
    }

    private void dropOldest() {
        start = events[head].revision();
        events[head] = null;
        head = (head + 1) % events.length;
        size--;
    }
}

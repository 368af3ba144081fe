package io.k8j.scheduler.framework;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-cycle data that a plugin computes once (in PreFilter or PreScore) and reads per node. Keys are
 * typed so a plugin reads back exactly what it wrote; filters may run on several threads, so reads
 * must follow the writes of the single-threaded pre-phases.
 */
public final class CycleState {
    /**
     * A typed slot; plugins keep theirs as a constant, so keys compare by identity: filters read them
     * for every node of every pod, and a record's hashCode over the name showed in profiles.
     */
    public static final class Key<T> {
        private final String name;

        public Key(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final Map<Key<?>, Object> data = new HashMap<>();

    public <T> void write(Key<T> key, T value) {
        data.put(key, value);
    }

    /** The value written under {@code key}, or null when the pre-phase skipped it. */
    @SuppressWarnings("unchecked")
    public <T> T read(Key<T> key) {
        return (T) data.get(key);
    }
}

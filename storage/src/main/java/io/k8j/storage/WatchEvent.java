package io.k8j.storage;

/**
 * A change to one key. {@code kv.modRevision()} is the revision of the change; for {@link Type#DELETE}
 * {@code kv.value()} holds the last value. {@code prevKv} is the value before the change, if any.
 */
public record WatchEvent(Type type, KeyValue kv, KeyValue prevKv) {
    public enum Type { CREATE, UPDATE, DELETE }

    public long revision() {
        return kv.modRevision();
    }
}

package io.k8j.storage;

/** One version of a key. For a deletion event, {@code value} is the last value before the delete. */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision) {
}

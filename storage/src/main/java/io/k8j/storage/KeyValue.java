package io.k8j.storage;

/**
 * One version of a key. For a deletion event, {@code value} is the last value before the delete.
 * Being a record over an array, {@code equals} compares {@code value} by identity, not content; and
 * stores may share the array between readers, so never modify it.
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision) {
}

package io.k8j.storage;

/** The key's revision differs from the expected one; {@code current} is what is stored now. */
public class ConflictException extends StorageException {
    private final transient KeyValue current;

    public ConflictException(String key, KeyValue current) {
        super("revision mismatch for key " + key);
        this.current = current;
    }

    public KeyValue current() {
        return current;
    }
}

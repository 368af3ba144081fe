package io.k8j.storage;

public class KeyNotFoundException extends StorageException {
    public KeyNotFoundException(String key) {
        super("key not found: " + key);
    }
}

package io.k8j.storage;

public class KeyExistsException extends StorageException {
    public KeyExistsException(String key) {
        super("key exists: " + key);
    }
}

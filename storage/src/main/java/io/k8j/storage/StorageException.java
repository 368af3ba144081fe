package io.k8j.storage;

/** Base of the storage failures the API server maps to HTTP statuses. */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.k8j.storage.transform;

import io.k8j.storage.StorageException;

/** A stored value that its transformer cannot read back: a key no longer configured, or corrupt data. */
public class TransformException extends StorageException {
    public TransformException(String message) {
        super(message);
    }

    public TransformException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.k8j.storage;

/**
 * The backend did not answer in time or refused for now (etcd without a leader or quorum, a timed-out call).
 * Unlike other failures, a write that throws this may or may not have been applied: the outcome is unknown.
 */
public class StorageUnavailableException extends StorageException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.k8j.storage;

/** The requested revision is older than the retained history; clients must relist. */
public class CompactedException extends StorageException {
    private final long requested;
    private final long oldest;

    public CompactedException(long requested, long oldest) {
        super("too old resource version: " + requested + " (" + oldest + ")");
        this.requested = requested;
        this.oldest = oldest;
    }

    public long requested() {
        return requested;
    }

    /** The oldest revision that can still be watched from. */
    public long oldest() {
        return oldest;
    }
}

package io.k8j.storage;

/** A value exceeds the backend's size limit; nothing was written. */
public class ValueTooLargeException extends StorageException {
    /** etcd's default request limit (1.5 MiB); a larger value could not be stored in etcd anyway. */
    public static final int DEFAULT_LIMIT = 1_572_864;

    private final int size;
    private final int limit;

    public ValueTooLargeException(String key, int size, int limit) {
        super("value of " + key + " is " + size + " bytes, over the limit of " + limit);
        this.size = size;
        this.limit = limit;
    }

    /** Throws unless {@code value} fits in {@code limit} bytes. */
    public static void check(String key, byte[] value, int limit) {
        if (value.length > limit) {
            throw new ValueTooLargeException(key, value.length, limit);
        }
    }

    public int size() {
        return size;
    }

    public int limit() {
        return limit;
    }
}

package io.k8j.storage;

/** Stops a watch; no events are delivered after {@link #close()} returns. */
public interface WatchHandle extends AutoCloseable {
    @Override
    void close();
}

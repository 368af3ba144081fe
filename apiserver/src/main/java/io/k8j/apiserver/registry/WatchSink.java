package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where a watch delivers its events; called from one thread at a time, in revision order. */
public interface WatchSink {
    /** {@code type} is ADDED, MODIFIED or DELETED. */
    void event(String type, ObjectNode object);

    /** The end of the initial events of a watch that asked for them ({@code sendInitialEvents=true}). */
    void initialEventsEnd(long revision);

    /** The store ended the watch by itself (the watcher fell behind, or its history was compacted). */
    void terminated(io.k8j.storage.StorageException cause);
}

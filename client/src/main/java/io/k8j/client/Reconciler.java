package io.k8j.client;

import java.time.Duration;

/** Level-triggered sync of one key ("namespace/name" or "name"): reads caches, writes through the API. */
@FunctionalInterface
public interface Reconciler {
    /**
     * Brings the world named by {@code key} towards its desired state. Returns null when done, or a
     * delay after which the key should be looked at again; a thrown exception retries with backoff.
     */
    Duration reconcile(String key) throws Exception;
}

package io.k8j.client;

import java.util.concurrent.CompletableFuture;

/** A component that acts only while it holds its Lease. */
public interface LeaderElected extends AutoCloseable {
    /** Completes when this instance loses a lease it held (not when it is closed); it never acts again. */
    CompletableFuture<Void> lostLeadership();

    @Override
    void close();
}

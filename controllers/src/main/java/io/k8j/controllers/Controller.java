package io.k8j.controllers;

/** A control loop: {@link #start} returns once its caches are synced and its workers run. */
public interface Controller extends AutoCloseable {
    void start();

    @Override
    void close();
}

package io.k8j.client;

import io.fabric8.kubernetes.api.model.ObjectReference;

/** Where a component's Events go: one about {@code involved} (with a fieldPath when it is about part of it). */
@FunctionalInterface
public interface EventSink {
    /** Records nothing: for components that must not write Events (e.g. simulated nodes). */
    EventSink NONE = (involved, type, reason, message) -> {
    };

    /** {@code type} is "Normal" or "Warning". Best effort: never throws for an API failure. */
    void record(ObjectReference involved, String type, String reason, String message);
}

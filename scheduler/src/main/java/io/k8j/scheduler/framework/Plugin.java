package io.k8j.scheduler.framework;

/** A scheduling plugin; it implements one or more extension point interfaces. */
public interface Plugin {
    String name();
}

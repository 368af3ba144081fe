package io.k8j.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;

/** Makes the placement durable (the API server's pods/binding); runs off the scheduling thread. */
public interface BindPlugin extends Plugin {
    Status bind(Pod pod, String nodeName);
}

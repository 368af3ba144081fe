package io.k8j.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;

/** Claims node-side state for the chosen node before binding; unreserve undoes it when binding fails. */
public interface ReservePlugin extends Plugin {
    Status reserve(CycleState state, Pod pod, String nodeName);

    void unreserve(CycleState state, Pod pod, String nodeName);
}

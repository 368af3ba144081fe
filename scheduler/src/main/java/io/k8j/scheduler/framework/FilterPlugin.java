package io.k8j.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;

/** Decides whether the pod can run on one node. Must be thread-safe: nodes are filtered in parallel. */
public interface FilterPlugin extends Plugin {
    Status filter(CycleState state, Pod pod, NodeInfo node);
}

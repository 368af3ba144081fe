package io.k8j.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;

/** Computes per-pod data once per cycle; a rejection here fails the pod on every node. */
public interface PreFilterPlugin extends Plugin {
    Status preFilter(CycleState state, Pod pod, List<NodeInfo> nodes);
}

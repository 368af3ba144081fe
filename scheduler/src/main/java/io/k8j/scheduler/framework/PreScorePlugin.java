package io.k8j.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;

/** Computes per-pod scoring data once per cycle over the feasible nodes (SKIP when nothing to score). */
public interface PreScorePlugin extends Plugin {
    Status preScore(CycleState state, Pod pod, List<NodeInfo> feasible, List<NodeInfo> all);
}

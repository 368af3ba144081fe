package io.k8j.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;

/** Ranks feasible nodes; after normalization scores lie in [0, MAX_SCORE] and are multiplied by the weight. */
public interface ScorePlugin extends Plugin {
    long MAX_SCORE = 100;

    long score(CycleState state, Pod pod, NodeInfo node);

    /** Rescales the raw scores in place, indexed like the feasible nodes; by default they already fit. */
    default void normalizeScores(CycleState state, Pod pod, long[] scores) {
    }
}

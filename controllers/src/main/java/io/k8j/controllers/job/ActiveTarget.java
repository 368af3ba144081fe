package io.k8j.controllers.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** How many pods a Job should have running (kube's manageJob arithmetic). */
final class ActiveTarget {
    private ActiveTarget() {
    }

    /**
     * The number of active pods wanted. With completions, never more than what is left to succeed; without
     * (a work queue), parallelism until one pod succeeds, then no new ones.
     */
    static int wantActive(Integer completions, int parallelism, int succeeded, int active) {
        if (completions == null) {
            return succeeded > 0 ? Math.min(active, parallelism) : parallelism;
        }
        return Math.max(0, Math.min(completions - succeeded, parallelism));
    }

    /**
     * For an Indexed Job: the lowest indexes that neither succeeded nor have an active pod, at most
     * {@code count} of them.
     */
    static List<Integer> indexesToCreate(int completions, Set<Integer> completed, Set<Integer> activeIndexes, int count) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < completions && out.size() < count; i++) {
            if (!completed.contains(i) && !activeIndexes.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }
}

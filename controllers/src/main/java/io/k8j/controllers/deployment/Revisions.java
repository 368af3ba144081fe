package io.k8j.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Revision numbers on ReplicaSets (annotation deployment.kubernetes.io/revision): the ReplicaSet that
 * becomes current gets one more than any old one, even when it existed before (that is what makes
 * {@code rollout undo} show up as a new revision), and old empty ones beyond the history limit go.
 */
public final class Revisions {
    public static final String REVISION = "deployment.kubernetes.io/revision";
    public static final String DESIRED = "deployment.kubernetes.io/desired-replicas";
    public static final String MAX = "deployment.kubernetes.io/max-replicas";
    public static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

    private Revisions() {
    }

    public static long of(ReplicaSet rs) {
        Map<String, String> a = rs.getMetadata().getAnnotations();
        try {
            return a == null || a.get(REVISION) == null ? 0 : Long.parseLong(a.get(REVISION));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The revision the current ReplicaSet should carry, given the old ones. */
    public static long next(List<ReplicaSet> olds) {
        return olds.stream().mapToLong(Revisions::of).max().orElse(0) + 1;
    }

    /** Old ReplicaSets to delete: empty ones, oldest revision first, beyond {@code limit}. */
    public static List<ReplicaSet> beyondHistory(List<ReplicaSet> olds, int limit) {
        List<ReplicaSet> empty = olds.stream()
                .filter(rs -> rs.getMetadata().getDeletionTimestamp() == null)
                .filter(rs -> replicas(rs) == 0 && (rs.getStatus() == null || zero(rs.getStatus().getReplicas())))
                .sorted(Comparator.comparingLong(Revisions::of)).toList();
        return empty.subList(0, Math.max(0, empty.size() - limit));
    }

    static int replicas(ReplicaSet rs) {
        return rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    }

    private static boolean zero(Integer n) {
        return n == null || n == 0;
    }
}

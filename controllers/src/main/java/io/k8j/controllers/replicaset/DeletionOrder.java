package io.k8j.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Which surplus pods go first (kube's ActivePods ordering): unscheduled before scheduled, pending
 * before running, not ready before ready, the most recently ready before those ready longer, newer
 * before older. Losing the least established pods keeps the most capacity.
 */
final class DeletionOrder {
    private DeletionOrder() {
    }

    static final Comparator<Pod> FIRST_TO_DELETE = Comparator
            .comparing((Pod p) -> isScheduled(p))
            .thenComparing(DeletionOrder::phaseRank)
            .thenComparing(PodReadiness::isReady)
            .thenComparing(p -> PodReadiness.readySince(p).orElse(Instant.MIN), Comparator.reverseOrder())
            .thenComparing(DeletionOrder::created, Comparator.reverseOrder());

    /** The {@code count} pods to delete from {@code pods}. */
    static List<Pod> victims(List<Pod> pods, int count) {
        return pods.stream().sorted(FIRST_TO_DELETE).limit(count).toList();
    }

    private static boolean isScheduled(Pod p) {
        return p.getSpec() != null && p.getSpec().getNodeName() != null && !p.getSpec().getNodeName().isEmpty();
    }

    private static int phaseRank(Pod p) {
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        return phase == null || phase.equals("Pending") ? 0 : phase.equals("Unknown") ? 1 : 2;
    }

    private static Instant created(Pod p) {
        String t = p.getMetadata().getCreationTimestamp();
        return t == null ? Instant.MIN : Instant.parse(t);
    }
}

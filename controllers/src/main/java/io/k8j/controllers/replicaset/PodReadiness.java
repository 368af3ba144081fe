package io.k8j.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

import java.time.Instant;
import java.util.Optional;

/** Pod states the workload controllers count by (kube's podutil). */
public final class PodReadiness {
    private PodReadiness() {
    }

    /** Not finished and not being deleted: a pod that still counts towards replicas. */
    public static boolean isActive(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase) && pod.getMetadata().getDeletionTimestamp() == null;
    }

    public static boolean isReady(Pod pod) {
        return readyCondition(pod).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    /** Ready for at least {@code minReadySeconds} at {@code now}. */
    public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
        if (!isReady(pod)) {
            return false;
        }
        if (minReadySeconds == 0) {
            return true;
        }
        return readySince(pod).map(t -> !t.plusSeconds(minReadySeconds).isAfter(now)).orElse(false);
    }

    static Optional<Instant> readySince(Pod pod) {
        return readyCondition(pod).map(PodCondition::getLastTransitionTime).filter(t -> t != null && !t.isEmpty())
                .map(Instant::parse);
    }

    private static Optional<PodCondition> readyCondition(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }
}

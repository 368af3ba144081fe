package io.k8j.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A ReplicaSet's status from the active pods it controls (kube's calculateStatus). */
final class StatusCalculator {
    private StatusCalculator() {
    }

    static ReplicaSetStatus calculate(ReplicaSet rs, List<Pod> activePods, Instant now) {
        int minReady = rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
        Map<String, String> templateLabels = rs.getSpec().getTemplate().getMetadata() == null ? Map.of()
                : rs.getSpec().getTemplate().getMetadata().getLabels();
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        for (Pod pod : activePods) {
            if (hasAll(pod.getMetadata().getLabels(), templateLabels)) {
                fullyLabeled++;
            }
            if (PodReadiness.isReady(pod)) {
                ready++;
                if (PodReadiness.isAvailable(pod, minReady, now)) {
                    available++;
                }
            }
        }
        ReplicaSetStatus previous = rs.getStatus();
        return new ReplicaSetStatusBuilder()
                .withReplicas(activePods.size()).withFullyLabeledReplicas(fullyLabeled)
                .withReadyReplicas(ready).withAvailableReplicas(available)
                .withObservedGeneration(rs.getMetadata().getGeneration())
                .withConditions(previous == null ? null : previous.getConditions())
                .build();
    }

    /** Whether the pods counted ready are not all available yet, so minReadySeconds must be waited out. */
    static boolean waitingForMinReady(ReplicaSet rs, ReplicaSetStatus status) {
        return rs.getSpec().getMinReadySeconds() != null && rs.getSpec().getMinReadySeconds() > 0
                && status.getReadyReplicas() > status.getAvailableReplicas();
    }

    private static boolean hasAll(Map<String, String> labels, Map<String, String> wanted) {
        return wanted == null || wanted.entrySet().stream()
                .allMatch(e -> labels != null && e.getValue().equals(labels.get(e.getKey())));
    }

    /** Field-by-field: the cached status may be a different object with the same content. */
    static boolean same(ReplicaSetStatus a, ReplicaSetStatus b) {
        return a != null && b != null && eq(a.getReplicas(), b.getReplicas())
                && eq(a.getFullyLabeledReplicas(), b.getFullyLabeledReplicas())
                && eq(a.getReadyReplicas(), b.getReadyReplicas()) && eq(a.getAvailableReplicas(), b.getAvailableReplicas())
                && java.util.Objects.equals(a.getObservedGeneration(), b.getObservedGeneration());
    }

    private static boolean eq(Integer a, Integer b) {
        return (a == null ? 0 : a) == (b == null ? 0 : b);
    }
}

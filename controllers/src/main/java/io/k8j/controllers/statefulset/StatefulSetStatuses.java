package io.k8j.controllers.statefulset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;

import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * A StatefulSet's status (kube's computeReplicaStatus and completeRollingUpdate): pods counted created,
 * ready, available, and per revision; once a rolling update has every pod updated and ready, the update
 * revision becomes the current one.
 */
final class StatefulSetStatuses {
    private StatefulSetStatuses() {
    }

    static StatefulSetStatus calculate(StatefulSet set, Collection<Pod> pods, String currentRevision,
                                       String updateRevision, Instant now) {
        SetShape shape = SetShape.of(set);
        int replicas = 0;
        int ready = 0;
        int available = 0;
        int current = 0;
        int updated = 0;
        for (Pod pod : pods) {
            replicas += PodStates.isCreated(pod) ? 1 : 0;
            if (PodStates.isRunningAndReady(pod)) {
                ready++;
                available += PodStates.isHealthy(pod, shape.minReadySeconds(), now) ? 1 : 0;
            }
            if (PodStates.isCreated(pod) && !PodStates.isTerminating(pod)) {
                String revision = StatefulPods.revisionOf(pod);
                current += currentRevision.equals(revision) ? 1 : 0;
                updated += updateRevision.equals(revision) ? 1 : 0;
            }
        }
        String currentName = currentRevision;
        if (shape.rollingUpdate() && updated == replicas && ready == replicas) {
            current = updated;
            currentName = updateRevision;
        }
        StatefulSetStatus previous = set.getStatus();
        return new StatefulSetStatusBuilder().withReplicas(replicas).withReadyReplicas(ready)
                .withAvailableReplicas(available).withCurrentReplicas(current).withUpdatedReplicas(updated)
                .withCurrentRevision(currentName).withUpdateRevision(updateRevision)
                .withObservedGeneration(set.getMetadata().getGeneration())
                .withCollisionCount(previous == null ? null : previous.getCollisionCount())
                .withConditions(previous == null ? null : previous.getConditions()).build();
    }

    static boolean same(StatefulSetStatus a, StatefulSetStatus b) {
        return b != null && Objects.equals(a.getReplicas(), b.getReplicas())
                && Objects.equals(a.getReadyReplicas(), b.getReadyReplicas())
                && Objects.equals(a.getAvailableReplicas(), b.getAvailableReplicas())
                && Objects.equals(a.getCurrentReplicas(), b.getCurrentReplicas())
                && Objects.equals(a.getUpdatedReplicas(), b.getUpdatedReplicas())
                && Objects.equals(a.getCurrentRevision(), b.getCurrentRevision())
                && Objects.equals(a.getUpdateRevision(), b.getUpdateRevision())
                && Objects.equals(a.getObservedGeneration(), b.getObservedGeneration());
    }
}

package io.k8j.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A Deployment's status counts from its ReplicaSets (kube's calculateStatus), and its conditions. */
public final class RolloutStatus {
    public static final String AVAILABLE = "Available";

    private RolloutStatus() {
    }

    /** Counts and the Available condition; the Progressing condition is carried over from {@code d}. */
    public static DeploymentStatus calculate(Deployment d, ReplicaSet newRs, List<ReplicaSet> all, Instant now) {
        int replicas = sum(all, StatusField.REPLICAS);
        int available = sum(all, StatusField.AVAILABLE);
        int desired = Fenceposts.replicas(d);
        DeploymentStatus previous = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        DeploymentStatus s = new DeploymentStatusBuilder()
                .withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(replicas)
                .withUpdatedReplicas(newRs == null ? 0 : StatusField.REPLICAS.of(newRs))
                .withReadyReplicas(sum(all, StatusField.READY))
                .withAvailableReplicas(available)
                .withUnavailableReplicas(Math.max(0, desired - available))
                .withCollisionCount(previous.getCollisionCount())
                .withConditions(new ArrayList<>(previous.getConditions() == null ? List.of() : previous.getConditions()))
                .build();
        boolean minimum = available >= desired - Fenceposts.of(d).maxUnavailable();
        Conditions.set(s, Conditions.of(AVAILABLE, minimum ? "True" : "False",
                minimum ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                minimum ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", now));
        return s;
    }

    /** All updated replicas are there and available and no old ones are left (kube's DeploymentComplete). */
    public static boolean complete(Deployment d, DeploymentStatus s) {
        int desired = Fenceposts.replicas(d);
        return s.getUpdatedReplicas() == desired && s.getReplicas() == desired && s.getAvailableReplicas() == desired
                && s.getObservedGeneration() != null && s.getObservedGeneration() >= d.getMetadata().getGeneration();
    }

    private static int sum(List<ReplicaSet> all, StatusField f) {
        return all.stream().mapToInt(f::of).sum();
    }

    private enum StatusField {
        REPLICAS, READY, AVAILABLE;

        int of(ReplicaSet rs) {
            if (rs.getStatus() == null) {
                return 0;
            }
            Integer n = switch (this) {
                case REPLICAS -> rs.getStatus().getReplicas();
                case READY -> rs.getStatus().getReadyReplicas();
                case AVAILABLE -> rs.getStatus().getAvailableReplicas();
            };
            return n == null ? 0 : n;
        }
    }
}

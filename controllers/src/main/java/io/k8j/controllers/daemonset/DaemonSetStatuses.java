package io.k8j.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.k8j.controllers.replicaset.PodReadiness;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A DaemonSet's status (kube's updateDaemonSetStatus): per eligible node, whether it has a pod, whether
 * the oldest is ready, available and of the current revision; pods on ineligible nodes are misscheduled.
 */
final class DaemonSetStatuses {
    private DaemonSetStatuses() {
    }

    static DaemonSetStatus calculate(DaemonSet ds, List<NodeState> nodes, String hash, Instant now) {
        int minReady = ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
        int desired = 0;
        int current = 0;
        int ready = 0;
        int available = 0;
        int updated = 0;
        int misscheduled = 0;
        for (NodeState n : nodes) {
            List<Pod> pods = n.running();
            if (!n.placement().shouldRun()) {
                misscheduled += pods.isEmpty() ? 0 : 1;
                continue;
            }
            desired++;
            if (pods.isEmpty()) {
                continue;
            }
            current++;
            Pod oldest = pods.get(0);
            if (PodReadiness.isReady(oldest)) {
                ready++;
                available += PodReadiness.isAvailable(oldest, minReady, now) ? 1 : 0;
            }
            updated += DaemonPods.isUpdated(oldest, hash) ? 1 : 0;
        }
        DaemonSetStatus previous = ds.getStatus();
        return new DaemonSetStatusBuilder().withDesiredNumberScheduled(desired).withCurrentNumberScheduled(current)
                .withNumberReady(ready).withNumberAvailable(available).withNumberUnavailable(desired - available)
                .withUpdatedNumberScheduled(updated).withNumberMisscheduled(misscheduled)
                .withObservedGeneration(ds.getMetadata().getGeneration())
                .withCollisionCount(previous == null ? null : previous.getCollisionCount())
                .withConditions(previous == null ? null : previous.getConditions()).build();
    }

    /** Whether a ready pod has still to be ready for minReadySeconds before it counts as available. */
    static boolean waitingForMinReady(DaemonSetStatus status) {
        return status.getNumberReady() > status.getNumberAvailable();
    }

    static boolean same(DaemonSetStatus a, DaemonSetStatus b) {
        return b != null && Objects.equals(a.getDesiredNumberScheduled(), b.getDesiredNumberScheduled())
                && Objects.equals(a.getCurrentNumberScheduled(), b.getCurrentNumberScheduled())
                && Objects.equals(a.getNumberReady(), b.getNumberReady())
                && Objects.equals(a.getNumberAvailable(), b.getNumberAvailable())
                && Objects.equals(orZero(a.getNumberUnavailable()), orZero(b.getNumberUnavailable()))
                && Objects.equals(a.getUpdatedNumberScheduled(), b.getUpdatedNumberScheduled())
                && Objects.equals(a.getNumberMisscheduled(), b.getNumberMisscheduled())
                && Objects.equals(a.getObservedGeneration(), b.getObservedGeneration());
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }
}

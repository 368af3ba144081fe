package io.k8j.controllers.statefulset;

import io.fabric8.kubernetes.api.model.Pod;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What one pass does to a StatefulSet's pods (kube's updateStatefulSet): create missing ordinals in
 * ascending order, replace failed pods, delete ordinals beyond the replicas in descending order, then roll
 * pods of an old revision from the highest ordinal down to the partition. With OrderedReady each pass does
 * one thing and stops at the first pod that is not yet Running and Ready (or still terminating); with
 * Parallel it creates and deletes all at once. A rolling update always goes one pod at a time.
 */
final class OrdinalPlan {
    sealed interface Action {
    }

    /** Create the pod of {@code ordinal}, from the current revision or the update revision. */
    record Create(int ordinal, boolean fromCurrent) implements Action {
    }

    record Delete(Pod pod, boolean condemned) implements Action {
    }

    private OrdinalPlan() {
    }

    /** {@code pods}: the set's pods by ordinal, in range or not. */
    static List<Action> next(SetShape shape, Map<Integer, Pod> pods, String updateRevision, Instant now) {
        List<Action> actions = new ArrayList<>();
        boolean ordered = !shape.parallel();
        for (int ord = shape.start(); ord < shape.start() + shape.replicas(); ord++) {
            Pod pod = pods.get(ord);
            if (pod == null) {
                actions.add(new Create(ord, shape.createsFromCurrent(ord)));
            } else if (PodStates.isFinished(pod) && !PodStates.isTerminating(pod)) {
                actions.add(new Delete(pod, false));
            } else if (PodStates.isHealthy(pod, shape.minReadySeconds(), now)) {
                continue;
            }
            if (ordered) {
                return actions;
            }
        }
        List<Pod> condemned = pods.entrySet().stream().filter(e -> !shape.inRange(e.getKey()))
                .sorted(Map.Entry.<Integer, Pod>comparingByKey(Comparator.reverseOrder())).map(Map.Entry::getValue).toList();
        for (Pod pod : condemned) {
            if (!PodStates.isTerminating(pod)) {
                actions.add(new Delete(pod, true));
            }
            if (ordered) {
                return actions;
            }
        }
        if (!actions.isEmpty() || !shape.rollingUpdate()) {
            return actions;
        }
        int lowest = shape.start() + (shape.partition() == null ? 0 : shape.partition());
        for (int ord = shape.start() + shape.replicas() - 1; ord >= lowest; ord--) {
            Pod pod = pods.get(ord);
            if (!updateRevision.equals(StatefulPods.revisionOf(pod)) && !PodStates.isTerminating(pod)) {
                return List.of(new Delete(pod, false));
            }
            if (!PodStates.isHealthy(pod, shape.minReadySeconds(), now)) {
                return actions;
            }
        }
        return actions;
    }
}

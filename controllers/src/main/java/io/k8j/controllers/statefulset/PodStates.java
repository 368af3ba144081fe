package io.k8j.controllers.statefulset;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.controllers.replicaset.PodReadiness;

import java.time.Instant;

/** Pod states the StatefulSet controller orders by (kube's isRunningAndReady, isCreated, isTerminating). */
final class PodStates {
    private PodStates() {
    }

    static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "" : pod.getStatus().getPhase();
    }

    /** The API server has given it a phase. */
    static boolean isCreated(Pod pod) {
        return !phase(pod).isEmpty();
    }

    static boolean isTerminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    static boolean isFinished(Pod pod) {
        return "Succeeded".equals(phase(pod)) || "Failed".equals(phase(pod));
    }

    /** Running, Ready and not terminating: the next ordinal may start. */
    static boolean isRunningAndReady(Pod pod) {
        return "Running".equals(phase(pod)) && PodReadiness.isReady(pod) && !isTerminating(pod);
    }

    /** Running and Ready for minReadySeconds. */
    static boolean isHealthy(Pod pod, int minReadySeconds, Instant now) {
        return isRunningAndReady(pod) && PodReadiness.isAvailable(pod, minReadySeconds, now);
    }
}

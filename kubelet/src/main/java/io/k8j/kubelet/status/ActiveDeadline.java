package io.k8j.kubelet.status;

import io.fabric8.kubernetes.api.model.Pod;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A pod's spec.activeDeadlineSeconds, counted from its status.startTime as the kubelet's activeDeadlineHandler
 * does: once it has passed the pod is Failed with reason DeadlineExceeded and its containers are stopped.
 */
public final class ActiveDeadline {
    public static final String REASON = "DeadlineExceeded";
    public static final String MESSAGE = "Pod was active on the node longer than the specified deadline";

    private ActiveDeadline() {
    }

    /** How long until the deadline (zero once passed); empty when the pod has none or has not started. */
    public static Optional<Duration> remaining(Pod pod, Instant now) {
        Long seconds = pod.getSpec().getActiveDeadlineSeconds();
        String start = pod.getStatus() == null ? null : pod.getStatus().getStartTime();
        if (seconds == null || start == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, Instant.parse(start).plusSeconds(seconds));
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    public static boolean exceeded(Pod pod, Instant now) {
        return remaining(pod, now).map(Duration::isZero).orElse(false);
    }
}

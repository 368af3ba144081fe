package io.k8j.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The Progressing condition (kube's syncRolloutStatus): NewReplicaSetAvailable when complete,
 * ReplicaSetUpdated while counts move, ProgressDeadlineExceeded when they have not moved for
 * progressDeadlineSeconds. {@code rollout status} fails on the last.
 */
public final class Progress {
    public static final String PROGRESSING = "Progressing";
    public static final String TIMED_OUT = "ProgressDeadlineExceeded";

    private Progress() {
    }

    /**
     * Sets the Progressing condition on {@code next} (the status about to be written, {@code d.status}
     * being the last written); returns when to look again for the deadline, if it may still pass.
     */
    public static Optional<Duration> update(Deployment d, DeploymentStatus next, String rsName, Instant now) {
        Integer deadline = d.getSpec().getProgressDeadlineSeconds();
        String reason = Conditions.get(next, PROGRESSING).map(DeploymentCondition::getReason).orElse("");
        if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
            Conditions.set(next, Conditions.of(PROGRESSING, "Unknown", "DeploymentPaused", "Deployment is paused", now));
            return Optional.empty();
        }
        if (reason.equals("DeploymentPaused")) {
            // the deadline counts from the resume, not from before the pause
            Conditions.replace(next, Conditions.of(PROGRESSING, "Unknown", "DeploymentResumed", "Deployment is resumed", now));
        }
        if (deadline == null) {
            return Optional.empty();
        }
        String rs = "ReplicaSet \"" + rsName + "\"";
        if (RolloutStatus.complete(d, next)) {
            Conditions.set(next, Conditions.of(PROGRESSING, "True", "NewReplicaSetAvailable",
                    rs + " has successfully progressed.", now));
            return Optional.empty();
        }
        if (moved(d.getStatus() == null ? new DeploymentStatus() : d.getStatus(), next)) {
            Conditions.replace(next, Conditions.of(PROGRESSING, "True", "ReplicaSetUpdated", rs + " is progressing.", now));
        } else if (timedOut(next, deadline, now)) {
            Conditions.set(next, Conditions.of(PROGRESSING, "False", TIMED_OUT, rs + " has timed out progressing.", now));
        }
        return Conditions.get(next, PROGRESSING).filter(c -> !TIMED_OUT.equals(c.getReason()))
                .map(c -> Duration.between(now, Instant.parse(c.getLastUpdateTime()).plusSeconds(deadline)).plusSeconds(1))
                .map(wait -> wait.isNegative() ? Duration.ofSeconds(1) : wait);
    }

    /** kube's DeploymentProgressing: more updated, fewer old, or more ready or available pods than last written. */
    static boolean moved(DeploymentStatus before, DeploymentStatus after) {
        int oldBefore = n(before.getReplicas()) - n(before.getUpdatedReplicas());
        int oldAfter = n(after.getReplicas()) - n(after.getUpdatedReplicas());
        return n(after.getUpdatedReplicas()) > n(before.getUpdatedReplicas()) || oldAfter < oldBefore
                || n(after.getReadyReplicas()) > n(before.getReadyReplicas())
                || n(after.getAvailableReplicas()) > n(before.getAvailableReplicas());
    }

    static boolean timedOut(DeploymentStatus s, int deadline, Instant now) {
        Optional<DeploymentCondition> c = Conditions.get(s, PROGRESSING);
        if (c.isEmpty() || "NewReplicaSetAvailable".equals(c.get().getReason())) {
            return false;
        }
        return TIMED_OUT.equals(c.get().getReason())
                || Instant.parse(c.get().getLastUpdateTime()).plusSeconds(deadline).isBefore(now);
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }
}

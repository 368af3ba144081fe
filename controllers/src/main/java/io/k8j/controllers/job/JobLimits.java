package io.k8j.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** When a Job has failed too often or run too long, and how long failed pods hold back their replacements. */
final class JobLimits {
    /** kube's DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
    static final Duration BACKOFF_BASE = Duration.ofSeconds(10);
    static final Duration BACKOFF_MAX = Duration.ofMinutes(10);

    private JobLimits() {
    }

    /**
     * More failed pods than backoffLimit; with restartPolicy OnFailure the active pods' container
     * restarts count too (kube's pastBackoffLimitOnFailure).
     */
    static boolean backoffExceeded(JobSpec spec, int failed, List<Pod> active) {
        int limit = spec.getBackoffLimit() == null ? 6 : spec.getBackoffLimit();
        if (failed > limit) {
            return true;
        }
        if (!"OnFailure".equals(spec.getTemplate().getSpec().getRestartPolicy())) {
            return false;
        }
        int restarts = active.stream().mapToInt(PodStates::restarts).sum();
        return limit == 0 ? restarts > 0 : restarts >= limit;
    }

    /** Time left before activeDeadlineSeconds runs out, counted from status.startTime; empty when there is no deadline. */
    static Optional<Duration> deadlineLeft(JobSpec spec, Instant startTime, Instant now) {
        if (spec.getActiveDeadlineSeconds() == null || startTime == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, startTime.plusSeconds(spec.getActiveDeadlineSeconds()));
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    static boolean deadlineExceeded(JobSpec spec, Instant startTime, Instant now) {
        return deadlineLeft(spec, startTime, now).map(Duration::isZero).orElse(false);
    }

    /**
     * How long new pods must still wait after {@code failures} consecutive failures, the last at
     * {@code lastFailure}: 10 s doubling per failure, at most 10 min.
     */
    static Duration backoffLeft(int failures, Instant lastFailure, Instant now) {
        if (failures <= 0 || lastFailure == null) {
            return Duration.ZERO;
        }
        Duration delay = failures > 7 ? BACKOFF_MAX : BACKOFF_BASE.multipliedBy(1L << (failures - 1));
        if (delay.compareTo(BACKOFF_MAX) > 0) {
            delay = BACKOFF_MAX;
        }
        Duration left = Duration.between(now, lastFailure.plus(delay));
        return left.isNegative() ? Duration.ZERO : left;
    }
}

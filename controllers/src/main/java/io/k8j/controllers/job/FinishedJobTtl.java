package io.k8j.controllers.job;

import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** ttlSecondsAfterFinished (kube's ttl-after-finished controller): how long a finished Job has left. */
final class FinishedJobTtl {
    private FinishedJobTtl() {
    }

    /** Empty when the Job has no TTL or has not finished; zero when it is due for deletion. */
    static Optional<Duration> left(Job job, Instant now) {
        Integer ttl = job.getSpec().getTtlSecondsAfterFinished();
        if (ttl == null || job.getMetadata().getDeletionTimestamp() != null) {
            return Optional.empty();
        }
        return JobConditions.finishedAt(job).map(finished -> {
            Duration left = Duration.between(now, finished.plusSeconds(ttl));
            return left.isNegative() ? Duration.ZERO : left;
        });
    }
}

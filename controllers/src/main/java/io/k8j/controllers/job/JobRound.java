package io.k8j.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.UncountedTerminatedPodsBuilder;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The decisions of one pass over an unfinished Job, from the Job and its pods alone (pure): what has
 * finished, whether the Job has met its success criteria or a failure target, how many pods it wants,
 * and the status to write.
 */
final class JobRound {
    /** A reached end: the interim condition type, and the final one it becomes once pods are settled. */
    record Target(String interim, String terminal, String reason, String message) {
        boolean failing() {
            return JobConditions.FAILURE_TARGET.equals(interim);
        }
    }

    private static final Target BACKOFF = new Target(JobConditions.FAILURE_TARGET, JobConditions.FAILED,
            "BackoffLimitExceeded", "Job has reached the specified backoff limit");
    private static final Target DEADLINE = new Target(JobConditions.FAILURE_TARGET, JobConditions.FAILED,
            "DeadlineExceeded", "Job was active longer than specified deadline");
    private static final Target SUCCESS = new Target(JobConditions.SUCCESS_CRITERIA_MET, JobConditions.COMPLETE,
            "CompletionsReached", "Reached expected number of succeeded pods");

    private final Job job;
    private final JobSpec spec;
    private final List<Pod> pods;
    private final Instant now;
    private final boolean indexed;
    private final FinishedPodTracking tracking;
    private final List<Pod> active;
    private final Instant startTime;
    private final Target target;

    JobRound(Job job, List<Pod> pods, Instant now) {
        this.job = job;
        this.spec = job.getSpec();
        this.pods = pods;
        this.now = now;
        this.indexed = "Indexed".equals(spec.getCompletionMode()) && spec.getCompletions() != null;
        this.tracking = FinishedPodTracking.of(job.getStatus(), pods, indexed ? spec.getCompletions() : null);
        this.active = pods.stream().filter(PodStates::active).toList();
        this.startTime = startTime(job, now);
        this.target = reachedTarget();
    }

    private static Instant startTime(Job job, Instant now) {
        if (Boolean.TRUE.equals(job.getSpec().getSuspend())) {
            return null;
        }
        String recorded = job.getStatus() == null ? null : job.getStatus().getStartTime();
        return recorded == null ? now.truncatedTo(ChronoUnit.SECONDS) : Instant.parse(recorded);
    }

    /** The end already recorded as an interim condition, else the one reached now, else null. */
    private Target reachedTarget() {
        List<JobCondition> conditions = JobConditions.conditions(job);
        for (Target t : List.of(BACKOFF, DEADLINE, SUCCESS)) {
            if (JobConditions.find(conditions, t.interim()).filter(c -> "True".equals(c.getStatus())
                    && t.reason().equals(c.getReason())).isPresent()) {
                return t;
            }
        }
        int succeeded = tracking.succeededTotal(indexed);
        if (spec.getCompletions() != null ? succeeded >= spec.getCompletions() : succeeded > 0 && active.isEmpty()) {
            return SUCCESS;
        }
        if (JobLimits.backoffExceeded(spec, tracking.failedTotal(), active)) {
            return BACKOFF;
        }
        if (JobLimits.deadlineExceeded(spec, startTime, now)) {
            return DEADLINE;
        }
        return null;
    }

    Target target() {
        return target;
    }

    boolean suspended() {
        return target == null && Boolean.TRUE.equals(spec.getSuspend());
    }

    List<Pod> active() {
        return active;
    }

    FinishedPodTracking tracking() {
        return tracking;
    }

    Optional<Duration> deadlineLeft() {
        return target == null ? JobLimits.deadlineLeft(spec, startTime, now) : Optional.empty();
    }

    int wantActive() {
        int parallelism = spec.getParallelism() == null ? 1 : spec.getParallelism();
        return ActiveTarget.wantActive(spec.getCompletions(), parallelism, tracking.succeededTotal(indexed), active.size());
    }

    /** Indexes for {@code count} new pods (nulls for a NonIndexed Job). */
    List<Integer> toCreate(int count) {
        if (!indexed) {
            return Collections.nCopies(count, null);
        }
        Set<Integer> running = active.stream().map(JobPods::indexOf).filter(Objects::nonNull).collect(Collectors.toSet());
        return ActiveTarget.indexesToCreate(spec.getCompletions(), tracking.completedIndexes(), running, count);
    }

    /** Back-off owed to the failures since the last success. */
    Duration backoffLeft() {
        Instant lastSuccess = pods.stream().filter(PodStates::succeeded).map(p -> PodStates.finishedAt(p).orElse(Instant.MIN))
                .max(Instant::compareTo).orElse(Instant.MIN);
        List<Instant> failures = pods.stream().filter(PodStates::failed).map(p -> PodStates.finishedAt(p).orElse(Instant.MIN))
                .filter(t -> t.isAfter(lastSuccess)).toList();
        return JobLimits.backoffLeft(failures.size(), failures.stream().max(Instant::compareTo).orElse(null), now);
    }

    /** The terminal condition type to set now: the target is reached and every pod is stopped and counted. */
    String finishedCondition(int activeChange) {
        boolean quiet = active.size() + activeChange <= 0 && pods.stream().noneMatch(PodStates::terminating)
                && pods.stream().noneMatch(JobPods::hasTrackingFinalizer) && tracking.settled();
        return target != null && quiet ? target.terminal() : null;
    }

    JobStatus status(int activeChange, String terminal) {
        List<JobCondition> conditions = new ArrayList<>(JobConditions.conditions(job));
        conditions = JobConditions.with(conditions, JobConditions.SUSPENDED, suspended(),
                suspended() ? "JobSuspended" : "JobResumed", suspended() ? "Job suspended" : "Job resumed", now);
        if (target != null) {
            conditions = JobConditions.with(conditions, target.interim(), true, target.reason(), target.message(), now);
        }
        if (terminal != null) {
            conditions = JobConditions.with(conditions, terminal, true, target.reason(), target.message(), now);
        }
        int activeNow = Math.max(0, active.size() + activeChange);
        JobStatus old = job.getStatus() == null ? new JobStatus() : job.getStatus();
        return new JobStatusBuilder()
                .withStartTime(startTime == null ? null : startTime.toString())
                .withCompletionTime(JobConditions.COMPLETE.equals(terminal) ? now.truncatedTo(ChronoUnit.SECONDS).toString()
                        : old.getCompletionTime())
                .withActive(nullIfZero(activeNow))
                .withReady((int) active.stream().filter(PodStates::ready).count())
                .withTerminating((int) pods.stream().filter(PodStates::terminating).count())
                .withSucceeded(nullIfZero(tracking.succeeded()))
                .withFailed(nullIfZero(tracking.failed()))
                .withCompletedIndexes(indexed && !tracking.completedIndexes().isEmpty()
                        ? CompletedIndexes.format(tracking.completedIndexes()) : null)
                .withUncountedTerminatedPods(new UncountedTerminatedPodsBuilder()
                        .withSucceeded(emptyAsNull(tracking.uncountedSucceeded()))
                        .withFailed(emptyAsNull(tracking.uncountedFailed())).build())
                .withConditions(conditions.isEmpty() ? null : conditions)
                .build();
    }

    private static Integer nullIfZero(int n) {
        return n == 0 ? null : n;
    }

    private static List<String> emptyAsNull(Set<String> s) {
        return s.isEmpty() ? null : List.copyOf(s);
    }
}

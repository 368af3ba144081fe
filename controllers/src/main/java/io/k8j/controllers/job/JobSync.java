package io.k8j.controllers.job;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.Claims;
import io.k8j.client.EventRecorder;
import io.k8j.client.Expectations;
import io.k8j.client.OwnerRefWriter;
import io.k8j.client.OwnerRefs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One level-triggered pass over a Job (kube's syncJob): count finished pods through the tracking
 * finalizer, decide success or failure, run, suspend or stop pods, write status, and once finished
 * delete the Job when its ttlSecondsAfterFinished runs out.
 */
final class JobSync {
    private final KubernetesClient client;
    private final Indexer<Job> jobs;
    private final Indexer<Pod> pods;
    private final Expectations expectations;
    private final EventRecorder events;
    private final JobPodWriter writer;
    private final OwnerRefWriter owners;
    private final Clock clock;

    JobSync(KubernetesClient client, Indexer<Job> jobs, Indexer<Pod> pods, Expectations expectations,
            EventRecorder events, Clock clock) {
        this.client = client;
        this.jobs = jobs;
        this.pods = pods;
        this.expectations = expectations;
        this.events = events;
        this.writer = new JobPodWriter(client, expectations, events);
        this.owners = new OwnerRefWriter(client);
        this.clock = clock;
    }

    Duration reconcile(String key) {
        Job job = jobs.getByKey(key);
        releaseOrphans(key, job == null ? null : job.getMetadata().getUid());
        if (job == null) {
            expectations.forget(key);
            return null;
        }
        List<Pod> mine = claim(job);
        Instant now = clock.instant();
        if (JobConditions.finished(job)) {
            mine.forEach(writer::releaseFinalizer);
            return expireIfDue(job, now);
        }
        JobRound round = new JobRound(job, mine, now);
        List<Duration> requeue = new ArrayList<>();
        round.deadlineLeft().ifPresent(requeue::add);
        int activeChange = 0;
        if (round.target() != null || round.suspended()) {
            List<Pod> stop = round.active();
            activeChange = -writer.delete(key, job, stop, round.target() == null || !round.target().failing());
        } else if (expectations.satisfied(key)) {
            activeChange = manage(key, job, round, requeue);
        }
        String terminal = round.finishedCondition(activeChange);
        JobStatus status = round.status(activeChange, terminal);
        if (!writeStatus(job, status)) {
            return null; // our cache is behind; the Job's update event brings the key back
        }
        round.tracking().release().forEach(writer::releaseFinalizer);
        recordTransitions(job, status);
        if (terminal != null) {
            return FinishedJobTtl.left(withStatus(job, status), now).orElse(null);
        }
        return requeue.stream().min(Duration::compareTo).map(d -> d.plusMillis(100)).orElse(null);
    }

    /** Creates or deletes pods towards the wanted number; returns the change in active pods. */
    private int manage(String key, Job job, JobRound round, List<Duration> requeue) {
        int want = round.wantActive();
        int active = round.active().size();
        if (active > want) {
            List<Pod> surplus = round.active().stream().sorted(SURPLUS_FIRST).limit(active - want).toList();
            return -writer.delete(key, job, surplus, true);
        }
        if (active < want) {
            Duration backoff = round.backoffLeft();
            if (!backoff.isZero()) {
                requeue.add(backoff);
                return 0;
            }
            return writer.create(key, job, round.toCreate(want - active));
        }
        return 0;
    }

    /** Not yet running before running, newer before older: the least progress is lost. */
    private static final java.util.Comparator<Pod> SURPLUS_FIRST = java.util.Comparator
            .comparing((Pod p) -> "Running".equals(p.getStatus() == null ? null : p.getStatus().getPhase()))
            .thenComparing(p -> p.getMetadata().getCreationTimestamp(), java.util.Comparator.reverseOrder());

    private List<Pod> claim(Job job) {
        List<Pod> candidates = pods.byIndex("namespace", job.getMetadata().getNamespace());
        Claims<Pod> claims = Claims.of(job, job.getSpec().getSelector(), candidates);
        claims.adopt().forEach(p -> owners.adopt(p, job));
        return claims.claimed();
    }

    /**
     * Pods of a Job of this name that is gone (or was replaced by another of the same name) keep no
     * finalizer: nothing would ever count them.
     */
    private void releaseOrphans(String key, String currentUid) {
        int slash = key.indexOf('/');
        String name = key.substring(slash + 1);
        pods.byIndex("namespace", key.substring(0, slash)).stream().filter(JobPods::hasTrackingFinalizer)
                .filter(p -> OwnerRefs.controllerOf(p).map(r -> "Job".equals(r.getKind()) && name.equals(r.getName())
                        && !r.getUid().equals(currentUid)).orElse(false))
                .forEach(writer::releaseFinalizer);
    }

    private Duration expireIfDue(Job job, Instant now) {
        Duration left = FinishedJobTtl.left(job, now).orElse(null);
        if (left == null || !left.isZero()) {
            return left == null ? null : left.plusMillis(100);
        }
        try {
            client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
        return null;
    }

    /**
     * PUT status pinned to the resourceVersion read, when it changed. False on a conflict (409): the
     * decisions were made on a stale Job and nothing that depends on them may follow.
     */
    private boolean writeStatus(Job job, JobStatus status) {
        String before = client.getKubernetesSerialization().asJson(job.getStatus() == null ? new JobStatus() : job.getStatus());
        if (before.equals(client.getKubernetesSerialization().asJson(status))) {
            return true;
        }
        try {
            client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(withStatus(job, status)).updateStatus();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    private static Job withStatus(Job job, JobStatus status) {
        Job copy = new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder(job).build();
        copy.setStatus(status);
        return copy;
    }

    /** Events for conditions this pass turned True. */
    private void recordTransitions(Job job, JobStatus status) {
        for (JobCondition c : status.getConditions() == null ? List.<JobCondition>of() : status.getConditions()) {
            boolean was = JobConditions.isTrue(job, c.getType());
            if (!"True".equals(c.getStatus()) || was) {
                continue;
            }
            switch (c.getType()) {
                case JobConditions.COMPLETE -> events.record(job, "Normal", "Completed", "Job completed");
                case JobConditions.FAILED -> events.record(job, "Warning", c.getReason(), c.getMessage());
                case JobConditions.SUSPENDED -> events.record(job, "Normal", "Suspended", "Job suspended");
                default -> { }
            }
        }
        if (JobConditions.isTrue(job, JobConditions.SUSPENDED) && !Boolean.TRUE.equals(job.getSpec().getSuspend())) {
            events.record(job, "Normal", "Resumed", "Job resumed");
        }
    }
}

package io.k8j.controllers.cronjob;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.EventRecorder;
import io.k8j.client.OwnerRefs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One pass over a CronJob (kube's cronjob controller v2): reconcile status.active with the Jobs it owns,
 * start the due activation as the concurrency policy allows, prune finished Jobs beyond the history
 * limits, and come back at the next scheduled time.
 */
final class CronJobSync {
    /** Activations are looked at slightly after they are due, so the clock has surely passed them. */
    private static final Duration SLACK = Duration.ofMillis(100);

    private final KubernetesClient client;
    private final Indexer<CronJob> cronJobs;
    private final Indexer<Job> jobs;
    private final EventRecorder events;
    private final Clock clock;

    CronJobSync(KubernetesClient client, Indexer<CronJob> cronJobs, Indexer<Job> jobs, EventRecorder events, Clock clock) {
        this.client = client;
        this.cronJobs = cronJobs;
        this.jobs = jobs;
        this.events = events;
        this.clock = clock;
    }

    Duration reconcile(String key) {
        CronJob cj = cronJobs.getByKey(key);
        if (cj == null) {
            return null;
        }
        Instant now = clock.instant();
        List<Job> owned = jobs.byIndex("namespace", cj.getMetadata().getNamespace()).stream()
                .filter(j -> OwnerRefs.isControlledBy(j, cj)).toList();
        CronJobStatus status = trackActive(cj, owned);
        Duration requeue = null;
        if (cj.getMetadata().getDeletionTimestamp() == null && !Boolean.TRUE.equals(cj.getSpec().getSuspend())) {
            requeue = schedule(cj, status, now);
        }
        writeStatus(cj, status);
        prune(cj, owned);
        return requeue;
    }

    /** status.active without Jobs that finished or vanished; lastSuccessfulTime from completed ones. */
    private CronJobStatus trackActive(CronJob cj, List<Job> owned) {
        CronJobStatus old = cj.getStatus() == null ? new CronJobStatus() : cj.getStatus();
        CronJobStatus status = new CronJobStatusBuilder(old).build();
        Map<String, Job> byUid = owned.stream().collect(Collectors.toMap(j -> j.getMetadata().getUid(), Function.identity()));
        List<ObjectReference> active = new ArrayList<>();
        for (ObjectReference ref : old.getActive() == null ? List.<ObjectReference>of() : old.getActive()) {
            Job job = byUid.get(ref.getUid());
            if (job == null && !exists(ref)) {
                events.record(cj, "Normal", "MissingJob", "Active job went missing: " + ref.getName());
            } else if (job != null && JobHistory.finished(job)) {
                String condition = JobHistory.hasCondition(job, "Complete") ? "Complete" : "Failed";
                events.record(cj, "Normal", "SawCompletedJob", "Saw completed job: " + ref.getName() + ", condition: " + condition);
                String completed = job.getStatus().getCompletionTime();
                if (completed != null && (status.getLastSuccessfulTime() == null
                        || Instant.parse(completed).isAfter(Instant.parse(status.getLastSuccessfulTime())))) {
                    status.setLastSuccessfulTime(completed);
                }
            } else {
                active.add(ref);
            }
        }
        status.setActive(active.isEmpty() ? null : active);
        return status;
    }

    /** Whether a Job the cache does not have exists after all (the cache may lag behind a creation). */
    private boolean exists(ObjectReference ref) {
        Job live = client.batch().v1().jobs().inNamespace(ref.getNamespace()).withName(ref.getName()).get();
        return live != null && live.getMetadata().getUid().equals(ref.getUid());
    }

    /** Starts the due activation if there is one and it may run; returns when to look again. */
    private Duration schedule(CronJob cj, CronJobStatus status, Instant now) {
        CronSchedule schedule;
        ZoneId zone;
        try {
            schedule = CronSchedule.parse(cj.getSpec().getSchedule());
            zone = cj.getSpec().getTimeZone() == null ? clock.getZone() : ZoneId.of(cj.getSpec().getTimeZone());
        } catch (RuntimeException e) {
            events.record(cj, "Warning", "UnparseableSchedule", "unparseable schedule: " + cj.getSpec().getSchedule() + " : " + e.getMessage());
            return null;
        }
        Instant last = status.getLastScheduleTime() == null ? null : Instant.parse(status.getLastScheduleTime());
        ScheduleTimes due = ScheduleTimes.due(schedule, zone, last, Instant.parse(cj.getMetadata().getCreationTimestamp()),
                cj.getSpec().getStartingDeadlineSeconds(), now);
        Duration untilNext = untilNext(schedule, zone, now);
        if (due.mostRecent() == null) {
            return untilNext;
        }
        if (due.missed() > ScheduleTimes.TOO_MANY_MISSED) {
            events.record(cj, "Warning", "TooManyMissedTimes", "too many missed start times: " + due.missed()
                    + ". Set or decrease .spec.startingDeadlineSeconds or check clock skew");
        }
        Instant scheduled = due.mostRecent();
        if (ScheduleTimes.tooLate(scheduled, cj.getSpec().getStartingDeadlineSeconds(), now)) {
            events.record(cj, "Warning", "MissSchedule", "Missed scheduled time to start a job: " + scheduled);
            return untilNext;
        }
        String name = ScheduledJobs.name(cj, scheduled);
        List<ObjectReference> active = status.getActive() == null ? List.of() : status.getActive();
        if (active.stream().anyMatch(r -> name.equals(r.getName()))) {
            return untilNext;
        }
        switch (Concurrency.decide(cj.getSpec().getConcurrencyPolicy(), active.size())) {
            case SKIP -> {
                events.record(cj, "Normal", "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid");
                return untilNext;
            }
            case REPLACE -> {
                active.forEach(ref -> deleteJob(cj, ref.getName()));
                status.setActive(null);
            }
            case CREATE -> { }
        }
        Job job = create(cj, scheduled, zone);
        List<ObjectReference> running = new ArrayList<>(status.getActive() == null ? List.of() : status.getActive());
        running.add(ScheduledJobs.refTo(job));
        status.setActive(running);
        status.setLastScheduleTime(scheduled.toString());
        return untilNext;
    }

    private Duration untilNext(CronSchedule schedule, ZoneId zone, Instant now) {
        Instant next = schedule.next(now, zone);
        return next == null ? null : Duration.between(now, next).plus(SLACK);
    }

    /** Creates the activation's Job; one already there from an earlier attempt of ours counts as created. */
    private Job create(CronJob cj, Instant scheduled, ZoneId zone) {
        Job job = ScheduledJobs.jobFor(cj, scheduled, zone);
        try {
            Job created = client.batch().v1().jobs().inNamespace(cj.getMetadata().getNamespace()).resource(job).create();
            events.record(cj, "Normal", "SuccessfulCreate", "Created job " + created.getMetadata().getName());
            return created;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                Job existing = client.batch().v1().jobs().inNamespace(cj.getMetadata().getNamespace())
                        .withName(job.getMetadata().getName()).get();
                if (existing != null && OwnerRefs.isControlledBy(existing, cj)) {
                    return existing;
                }
            }
            events.record(cj, "Warning", "FailedCreate", "Error creating job: " + e.getMessage());
            throw e;
        }
    }

    private void prune(CronJob cj, List<Job> owned) {
        List<Job> present = owned.stream().filter(j -> j.getMetadata().getDeletionTimestamp() == null).toList();
        JobHistory.toDelete(present, cj.getSpec().getSuccessfulJobsHistoryLimit(), cj.getSpec().getFailedJobsHistoryLimit())
                .forEach(j -> deleteJob(cj, j.getMetadata().getName()));
    }

    /** Deletes a Job and, in the background, its pods. */
    private void deleteJob(CronJob cj, String name) {
        try {
            client.batch().v1().jobs().inNamespace(cj.getMetadata().getNamespace()).withName(name)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            events.record(cj, "Normal", "SuccessfulDelete", "Deleted job " + name);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                events.record(cj, "Warning", "FailedDelete", "Deleted job " + name + ": " + e.getMessage());
            }
        }
    }

    /** PUT status pinned to the resourceVersion read, and only when it changed. */
    private void writeStatus(CronJob cj, CronJobStatus status) {
        var json = client.getKubernetesSerialization();
        if (json.asJson(status).equals(json.asJson(cj.getStatus() == null ? new CronJobStatus() : cj.getStatus()))) {
            return;
        }
        CronJob copy = new CronJobBuilder(cj).withStatus(status).build();
        try {
            client.batch().v1().cronjobs().inNamespace(cj.getMetadata().getNamespace()).resource(copy).updateStatus();
        } catch (KubernetesClientException e) {
            // Stale copy: its update event brings the key back, and a Job created this pass is found by name.
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }
}

package io.k8j.controllers.cronjob;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The finished Jobs a CronJob keeps (successfulJobsHistoryLimit, failedJobsHistoryLimit): the newest
 * of each kind by start time; the older ones are deleted.
 */
final class JobHistory {
    private JobHistory() {
    }

    /** The finished Jobs among {@code jobs} beyond the limits, oldest first; a null limit keeps all. */
    static List<Job> toDelete(List<Job> jobs, Integer successfulLimit, Integer failedLimit) {
        List<Job> out = new ArrayList<>(surplus(jobs.stream().filter(j -> hasCondition(j, "Complete")).toList(), successfulLimit));
        out.addAll(surplus(jobs.stream().filter(j -> hasCondition(j, "Failed")).toList(), failedLimit));
        return out;
    }

    static boolean finished(Job job) {
        return hasCondition(job, "Complete") || hasCondition(job, "Failed");
    }

    static boolean hasCondition(Job job, String type) {
        List<JobCondition> conditions = job.getStatus() == null ? null : job.getStatus().getConditions();
        return conditions != null && conditions.stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static List<Job> surplus(List<Job> finished, Integer limit) {
        if (limit == null || finished.size() <= limit) {
            return List.of();
        }
        return finished.stream().sorted(Comparator.comparing(JobHistory::started)).limit(finished.size() - limit).toList();
    }

    /** status.startTime, else creation: a Job that never started sorts by when it was made. */
    private static Instant started(Job job) {
        String t = job.getStatus() == null ? null : job.getStatus().getStartTime();
        if (t == null) {
            t = job.getMetadata().getCreationTimestamp();
        }
        return t == null ? Instant.MIN : Instant.parse(t);
    }
}

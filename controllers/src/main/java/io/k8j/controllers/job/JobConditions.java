package io.k8j.controllers.job;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Job's conditions. Since kube 1.31 a Job first gets the interim SuccessCriteriaMet or FailureTarget
 * condition, and Complete or Failed only once its pods have terminated and are counted.
 */
final class JobConditions {
    static final String COMPLETE = "Complete";
    static final String FAILED = "Failed";
    static final String SUCCESS_CRITERIA_MET = "SuccessCriteriaMet";
    static final String FAILURE_TARGET = "FailureTarget";
    static final String SUSPENDED = "Suspended";

    private JobConditions() {
    }

    static boolean finished(Job job) {
        return isTrue(job, COMPLETE) || isTrue(job, FAILED);
    }

    static boolean isTrue(Job job, String type) {
        return find(conditions(job), type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    static Optional<JobCondition> find(List<JobCondition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    static List<JobCondition> conditions(Job job) {
        return job.getStatus() == null || job.getStatus().getConditions() == null ? List.of() : job.getStatus().getConditions();
    }

    /**
     * {@code conditions} with {@code type} set to {@code status}; the transition time moves only when the
     * status changes, and a condition that is not there is not added as False.
     */
    static List<JobCondition> with(List<JobCondition> conditions, String type, boolean status, String reason,
                                   String message, Instant now) {
        String value = status ? "True" : "False";
        Optional<JobCondition> current = find(conditions, type);
        if (current.isEmpty() && !status) {
            return conditions;
        }
        if (current.isPresent() && value.equals(current.get().getStatus()) && reason.equals(current.get().getReason())) {
            return conditions;
        }
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        JobCondition updated = new JobConditionBuilder().withType(type).withStatus(value).withReason(reason)
                .withMessage(message).withLastProbeTime(time).withLastTransitionTime(time).build();
        List<JobCondition> out = new ArrayList<>();
        boolean replaced = false;
        for (JobCondition c : conditions) {
            if (type.equals(c.getType())) {
                out.add(updated);
                replaced = true;
            } else {
                out.add(c);
            }
        }
        if (!replaced) {
            out.add(updated);
        }
        return out;
    }

    /** When the Job finished: the time of its Complete or Failed condition. */
    static Optional<Instant> finishedAt(Job job) {
        return conditions(job).stream()
                .filter(c -> (COMPLETE.equals(c.getType()) || FAILED.equals(c.getType())) && "True".equals(c.getStatus()))
                .map(JobCondition::getLastTransitionTime).filter(t -> t != null && !t.isEmpty())
                .map(Instant::parse).findFirst();
    }
}

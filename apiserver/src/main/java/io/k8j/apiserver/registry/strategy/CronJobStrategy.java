package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * batch/v1 CronJobs (SetDefaults_CronJob, ValidateCronJob). The job template only gets PodSpec defaults:
 * kube's Job defaults apply to Jobs, so they appear once the controller creates one.
 */
final class CronJobStrategy implements ResourceStrategy {
    private static final List<String> CONCURRENCY = List.of("Allow", "Forbid", "Replace");
    /** Job names get an 11-character suffix and must stay within a 63-character label. */
    private static final int MAX_NAME = 52;

    @Override
    public void prepareForCreate(ObjectNode cj, StrategyContext ctx) {
        applyDefaults(cj);
    }

    @Override
    public void prepareForUpdate(ObjectNode cj, ObjectNode old, StrategyContext ctx) {
        applyDefaults(cj);
    }

    private static void applyDefaults(ObjectNode cj) {
        ObjectNode spec = Tree.obj(cj, "spec");
        Tree.defaultText(spec, "concurrencyPolicy", "Allow");
        Tree.defaultBool(spec, "suspend", false);
        Tree.defaultNumber(spec, "successfulJobsHistoryLimit", 3);
        Tree.defaultNumber(spec, "failedJobsHistoryLimit", 1);
        PodTemplates.applyDefaults(Tree.at(spec, "jobTemplate.spec.template"));
    }

    @Override
    public List<FieldError> validate(ObjectNode cj) {
        List<FieldError> errs = new ArrayList<>();
        String name = Tree.text(cj.path("metadata"), "name");
        if (name.length() > MAX_NAME) {
            errs.add(FieldError.invalid("metadata.name", name, "must be no more than 52 characters"));
        }
        JsonNode spec = cj.path("spec");
        String schedule = Tree.text(spec, "schedule");
        if (schedule.isEmpty()) {
            errs.add(FieldError.required("spec.schedule", ""));
        } else if (CronSchedule.hasTimeZone(schedule)) {
            errs.add(FieldError.invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
        } else if (CronSchedule.problem(schedule) != null) {
            errs.add(FieldError.invalid("spec.schedule", schedule, CronSchedule.problem(schedule)));
        }
        String zone = Tree.text(spec, "timeZone");
        if (Tree.isSet(spec, "timeZone") && !validZone(zone)) {
            errs.add(FieldError.invalid("spec.timeZone", zone, "unknown time zone " + zone));
        }
        Checks.supported(errs, spec, "concurrencyPolicy", "spec.concurrencyPolicy", CONCURRENCY);
        Checks.nonNegative(errs, spec, "startingDeadlineSeconds", "spec.startingDeadlineSeconds");
        Checks.nonNegative(errs, spec, "successfulJobsHistoryLimit", "spec.successfulJobsHistoryLimit");
        Checks.nonNegative(errs, spec, "failedJobsHistoryLimit", "spec.failedJobsHistoryLimit");
        JsonNode jobSpec = Tree.at(spec, "jobTemplate.spec");
        if (jobSpec == null) {
            errs.add(FieldError.required("spec.jobTemplate.spec.template", ""));
        } else {
            JobSpecs.validate(errs, jobSpec, "spec.jobTemplate.spec");
        }
        return errs;
    }

    /** IANA zone names as Go's time.LoadLocation takes them; "Local" and offsets are not accepted. */
    private static boolean validZone(String zone) {
        if (zone.isEmpty() || zone.equals("Local") || !zone.matches("[A-Za-z0-9_+\\-/]+")) {
            return false;
        }
        try {
            return ZoneId.of(zone).getId().equals(zone) || zone.equals("UTC");
        } catch (DateTimeException e) {
            return false;
        }
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }
}

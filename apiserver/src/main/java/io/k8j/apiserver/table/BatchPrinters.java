package io.k8j.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.k8j.apiserver.table.Fields.at;
import static io.k8j.apiserver.table.Fields.present;
import static io.k8j.apiserver.table.Fields.text;

/** Jobs (with the STATUS column kube 1.31 added) and CronJobs. */
final class BatchPrinters {
    private static final Column CONTAINERS = Column.wide("Containers", "Names of each container in the template.");
    private static final Column IMAGES = Column.wide("Images", "Images referenced by each container in the template.");
    private static final Column SELECTOR = Column.wide("Selector", "The label query over pods of the job.");

    private BatchPrinters() {
    }

    static RowPrinter jobs() {
        return RowPrinter.of(List.of(Column.NAME,
                Column.string("Status", "Status of the job."),
                Column.string("Completions", "Succeeded pods of the completions wanted."),
                Column.string("Duration", "Time required to complete the job."),
                Column.AGE, CONTAINERS, IMAGES, SELECTOR), (job, now) -> {
            List<Object> cells = new ArrayList<>(List.of(text(job, "metadata", "name"), jobStatus(job),
                    completions(job), duration(job, now), Fields.age(job, now)));
            cells.addAll(Fields.containers(at(job, "spec", "template", "spec")));
            cells.add(LabelSelectors.formatOrNone(at(job, "spec", "selector")));
            return cells;
        });
    }

    static RowPrinter cronJobs() {
        return RowPrinter.of(List.of(Column.NAME,
                Column.string("Schedule", "The schedule in Cron format."),
                Column.string("Timezone", "The time zone the schedule is read in."),
                new Column("Suspend", "boolean", "", "Whether subsequent runs are suspended.", 0),
                Column.integer("Active", "The number of currently running jobs."),
                Column.string("Last Schedule", "The last time a job was scheduled."),
                Column.AGE, CONTAINERS, IMAGES, SELECTOR), (cj, now) -> {
            JsonNode lastSchedule = at(cj, "status", "lastScheduleTime");
            JsonNode suspend = at(cj, "spec", "suspend");
            JsonNode jobSpec = at(cj, "spec", "jobTemplate", "spec");
            List<Object> cells = new ArrayList<>(List.of(text(cj, "metadata", "name"), text(cj, "spec", "schedule"),
                    Fields.orNone(text(cj, "spec", "timeZone")),
                    // Kube prints the pointer as "True"/"False", or "<unset>" when nil.
                    present(suspend) ? (suspend.asBoolean() ? "True" : "False") : "<unset>",
                    (long) at(cj, "status", "active").size(),
                    present(lastSchedule) ? Fields.since(Fields.time(lastSchedule), now) : Fields.NONE,
                    Fields.age(cj, now)));
            cells.addAll(Fields.containers(at(jobSpec, "template", "spec")));
            cells.add(LabelSelectors.formatOrNone(jobSpec.path("selector")));
            return cells;
        });
    }

    /** Terminal conditions win over deletion, deletion over suspension, as kube orders them. */
    static String jobStatus(JsonNode job) {
        if (hasCondition(job, "Complete")) {
            return "Complete";
        } else if (hasCondition(job, "Failed")) {
            return "Failed";
        } else if (present(at(job, "metadata", "deletionTimestamp"))) {
            return "Terminating";
        } else if (hasCondition(job, "Suspended")) {
            return "Suspended";
        } else if (hasCondition(job, "FailureTarget")) {
            return "FailureTarget";
        }
        return "Running";
    }

    /** "1/3", or for a job without completions "1/1", "0/1 of 4" when it runs pods in parallel. */
    static String completions(JsonNode job) {
        long succeeded = Fields.number(job, "status", "succeeded");
        JsonNode completions = at(job, "spec", "completions");
        if (present(completions)) {
            return succeeded + "/" + completions.asLong();
        }
        long parallelism = Fields.number(job, "spec", "parallelism");
        return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }

    private static String duration(JsonNode job, Instant now) {
        Instant start = Fields.time(at(job, "status", "startTime"));
        if (start == null) {
            return "";
        }
        Instant end = Fields.time(at(job, "status", "completionTime"));
        return HumanDuration.format(Duration.between(start, end == null ? now : end));
    }

    /** The first condition of the type decides, True or not. */
    private static boolean hasCondition(JsonNode job, String type) {
        for (JsonNode c : at(job, "status", "conditions")) {
            if (c.path("type").asText("").equals(type)) {
                return c.path("status").asText("").equals("True");
            }
        }
        return false;
    }
}

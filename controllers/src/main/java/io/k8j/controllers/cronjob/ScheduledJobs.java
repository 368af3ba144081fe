package io.k8j.controllers.cronjob;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.k8j.client.OwnerRefs;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Job a CronJob starts for a scheduled time (kube's getJobFromTemplate2). */
final class ScheduledJobs {
    static final String SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private ScheduledJobs() {
    }

    /** {@code <cronjob>-<scheduled time in minutes since the epoch>}: one name per activation, so a retry cannot start it twice. */
    static String name(CronJob cj, Instant scheduled) {
        return cj.getMetadata().getName() + "-" + scheduled.getEpochSecond() / 60;
    }

    /** {@code zone} is the CronJob's timeZone (UTC without one): the annotation shows the time there. */
    static Job jobFor(CronJob cj, Instant scheduled, ZoneId zone) {
        ObjectMeta template = cj.getSpec().getJobTemplate().getMetadata() == null ? new ObjectMeta()
                : cj.getSpec().getJobTemplate().getMetadata();
        Map<String, String> annotations = new LinkedHashMap<>(template.getAnnotations() == null ? Map.of() : template.getAnnotations());
        annotations.put(SCHEDULED_TIMESTAMP, RFC3339.format(scheduled.atZone(zone)));
        return new JobBuilder()
                .withNewMetadata().withName(name(cj, scheduled)).withNamespace(cj.getMetadata().getNamespace())
                .withLabels(template.getLabels()).withAnnotations(annotations)
                .withOwnerReferences(List.of(OwnerRefs.controllerRef(cj))).endMetadata()
                .withSpec(cj.getSpec().getJobTemplate().getSpec()).build();
    }

    static ObjectReference refTo(Job job) {
        return new ObjectReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                .withNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                .withUid(job.getMetadata().getUid()).withResourceVersion(job.getMetadata().getResourceVersion()).build();
    }
}

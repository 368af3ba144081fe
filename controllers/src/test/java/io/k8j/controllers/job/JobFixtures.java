package io.k8j.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

import java.time.Instant;

/** Small Job and pod fixtures; times are seconds after {@link #T0}. */
final class JobFixtures {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private JobFixtures() {
    }

    static JobBuilder job() {
        return new JobBuilder().withNewMetadata().withName("work").withNamespace("ns").withUid("job-uid").endMetadata()
                .withNewSpec().withCompletions(1).withParallelism(1).withBackoffLimit(6).withCompletionMode("NonIndexed")
                .withNewTemplate().withNewSpec().withRestartPolicy("Never").addNewContainer().withName("c")
                .withImage("busybox").endContainer().endSpec().endTemplate().endSpec();
    }

    /** A tracked pod (it holds the finalizer) in {@code phase}, finished at second {@code finishedAt} if given. */
    static Pod pod(String uid, String phase, Integer finishedAt) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName("work-" + uid).withNamespace("ns").withUid(uid)
                .withCreationTimestamp(T0.toString()).withFinalizers(JobPods.TRACKING_FINALIZER).endMetadata()
                .withNewSpec().endSpec().withNewStatus().withPhase(phase).endStatus();
        if (finishedAt != null) {
            b.editStatus().addNewContainerStatus().withName("c").withNewState().withNewTerminated()
                    .withFinishedAt(at(finishedAt)).endTerminated().endState().endContainerStatus().endStatus();
        }
        return b.build();
    }

    static Pod released(Pod pod) {
        return new PodBuilder(pod).editMetadata().withFinalizers().endMetadata().build();
    }

    static Pod deleting(Pod pod) {
        return new PodBuilder(pod).editMetadata().withDeletionTimestamp(at(1)).endMetadata().build();
    }

    static Pod indexed(Pod pod, int index) {
        return new PodBuilder(pod).editMetadata().addToAnnotations(JobPods.INDEX_KEY, Integer.toString(index)).endMetadata().build();
    }

    static String at(int second) {
        return T0.plusSeconds(second).toString();
    }

    static Job withUncounted(JobBuilder b, int succeeded, int failed, java.util.List<String> uncountedSucceeded,
                             java.util.List<String> uncountedFailed) {
        return b.withNewStatus().withSucceeded(succeeded).withFailed(failed).withNewUncountedTerminatedPods()
                .withSucceeded(uncountedSucceeded).withFailed(uncountedFailed).endUncountedTerminatedPods().endStatus().build();
    }
}

package io.k8j.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.k8j.controllers.job.JobFixtures.job;
import static org.assertj.core.api.Assertions.assertThat;

class JobPodsTest {
    private static final Job JOB = job().withApiVersion("batch/v1").withKind("Job")
            .editSpec().editTemplate().withNewMetadata().withLabels(Map.of("batch.kubernetes.io/job-name", "work"))
            .endMetadata().endTemplate().endSpec().build();

    @Test
    void aPodIsTheTemplateTrackedAndOwned() {
        Pod pod = JobPods.podFor(JOB, null);
        assertThat(pod.getMetadata().getGenerateName()).isEqualTo("work-");
        assertThat(pod.getMetadata().getLabels()).containsEntry("batch.kubernetes.io/job-name", "work");
        assertThat(pod.getMetadata().getFinalizers()).containsExactly(JobPods.TRACKING_FINALIZER);
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(r -> {
            assertThat(r.getKind()).isEqualTo("Job");
            assertThat(r.getUid()).isEqualTo("job-uid");
            assertThat(r.getController()).isTrue();
        });
        assertThat(pod.getSpec().getHostname()).isNull();
        assertThat(JobPods.indexOf(pod)).isNull();
    }

    @Test
    void anIndexedPodCarriesItsIndexEverywhereKubeDoes() {
        Pod pod = JobPods.podFor(JOB, 2);
        assertThat(pod.getMetadata().getGenerateName()).isEqualTo("work-2-");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry(JobPods.INDEX_KEY, "2");
        assertThat(pod.getMetadata().getLabels()).containsEntry(JobPods.INDEX_KEY, "2");
        assertThat(pod.getSpec().getHostname()).isEqualTo("work-2");
        assertThat(pod.getSpec().getContainers().getFirst().getEnv()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo("JOB_COMPLETION_INDEX");
            assertThat(e.getValueFrom().getFieldRef().getFieldPath())
                    .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
        });
        assertThat(JobPods.indexOf(pod)).isEqualTo(2);
        assertThat(JOB.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv()).isEmpty();
    }
}

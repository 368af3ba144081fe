package io.k8j.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.k8j.controllers.job.JobFixtures.T0;
import static io.k8j.controllers.job.JobFixtures.job;
import static io.k8j.controllers.job.JobFixtures.pod;
import static io.k8j.controllers.job.JobFixtures.released;
import static io.k8j.controllers.job.JobFixtures.withUncounted;
import static org.assertj.core.api.Assertions.assertThat;

class JobRoundTest {
    private static final Instant NOW = T0.plusSeconds(100);

    @Test
    void aNewJobStartsAndWantsItsParallelism() {
        JobRound round = new JobRound(job().editSpec().withCompletions(5).withParallelism(2).endSpec().build(), List.of(), NOW);
        assertThat(round.target()).isNull();
        assertThat(round.wantActive()).isEqualTo(2);
        JobStatus status = round.status(2, null);
        assertThat(status.getStartTime()).isEqualTo(NOW.toString());
        assertThat(status.getActive()).isEqualTo(2);
    }

    @Test
    void successIsMetFirstAndCompleteOnlyOnceEveryPodIsCounted() {
        Job job = job().build();
        JobRound first = new JobRound(job, List.of(pod("a", "Succeeded", 50)), NOW);
        assertThat(first.target().interim()).isEqualTo(JobConditions.SUCCESS_CRITERIA_MET);
        assertThat(first.finishedCondition(0)).isNull(); // the pod still holds the finalizer

        Job counted = withUncounted(job(), 1, 0, List.of(), List.of());
        JobRound last = new JobRound(counted, List.of(released(pod("a", "Succeeded", 50))), NOW);
        assertThat(last.finishedCondition(0)).isEqualTo(JobConditions.COMPLETE);
        JobStatus status = last.status(0, JobConditions.COMPLETE);
        assertThat(status.getConditions()).extracting(c -> c.getType())
                .containsExactly(JobConditions.SUCCESS_CRITERIA_MET, JobConditions.COMPLETE);
        assertThat(status.getCompletionTime()).isEqualTo(NOW.toString());
        assertThat(status.getSucceeded()).isEqualTo(1);
    }

    @Test
    void failuresPastTheBackoffLimitFailTheJob() {
        Job job = job().editSpec().withBackoffLimit(1).endSpec().build();
        List<Pod> pods = List.of(pod("a", "Failed", 10), pod("b", "Failed", 30));
        JobRound round = new JobRound(job, pods, NOW);
        assertThat(round.target().reason()).isEqualTo("BackoffLimitExceeded");
        assertThat(round.target().failing()).isTrue();
        assertThat(round.status(0, null).getConditions()).extracting(c -> c.getType()).containsExactly("FailureTarget");
    }

    @Test
    void oneFailureWithinTheLimitWaitsOutThePodBackoff() {
        Job job = job().editSpec().withBackoffLimit(1).endSpec().build();
        JobRound round = new JobRound(job, List.of(pod("a", "Failed", 96)), NOW);
        assertThat(round.target()).isNull();
        assertThat(round.wantActive()).isEqualTo(1);
        assertThat(round.backoffLeft()).hasSeconds(6);
    }

    @Test
    void runningPastTheDeadlineFails() {
        Job job = job().editSpec().withActiveDeadlineSeconds(60L).endSpec()
                .withNewStatus().withStartTime(T0.toString()).endStatus().build();
        JobRound round = new JobRound(job, List.of(pod("a", "Running", null)), NOW);
        assertThat(round.target().reason()).isEqualTo("DeadlineExceeded");
        assertThat(round.finishedCondition(-1)).isNull(); // the deleted pod still holds its finalizer
    }

    @Test
    void aSuspendedJobHasNoStartTimeAndSaysSo() {
        Job job = job().editSpec().withSuspend(true).endSpec().build();
        JobRound round = new JobRound(job, List.of(), NOW);
        assertThat(round.suspended()).isTrue();
        JobStatus status = round.status(0, null);
        assertThat(status.getStartTime()).isNull();
        assertThat(status.getConditions()).singleElement()
                .satisfies(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Suspended=True"));
    }

    @Test
    void anIndexedJobCreatesTheMissingIndexes() {
        Job job = job().editSpec().withCompletionMode("Indexed").withCompletions(4).withParallelism(4).endSpec()
                .withNewStatus().withCompletedIndexes("0").endStatus().build();
        JobRound round = new JobRound(job, List.of(JobFixtures.indexed(pod("r", "Running", null), 2)), NOW);
        assertThat(round.wantActive()).isEqualTo(3);
        assertThat(round.toCreate(2)).containsExactly(1, 3);
    }
}

package io.k8j.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.k8j.controllers.job.JobFixtures.deleting;
import static io.k8j.controllers.job.JobFixtures.indexed;
import static io.k8j.controllers.job.JobFixtures.job;
import static io.k8j.controllers.job.JobFixtures.pod;
import static io.k8j.controllers.job.JobFixtures.released;
import static io.k8j.controllers.job.JobFixtures.withUncounted;
import static org.assertj.core.api.Assertions.assertThat;

class FinishedPodTrackingTest {
    @Test
    void aFinishedPodIsFirstUncountedAndReleased() {
        Pod done = pod("a", "Succeeded", 5);
        Pod broke = pod("b", "Failed", 6);
        Pod running = pod("c", "Running", null);

        FinishedPodTracking t = FinishedPodTracking.of(job().build().getStatus(), List.of(done, broke, running), null);

        assertThat(t.uncountedSucceeded()).containsExactly("a");
        assertThat(t.uncountedFailed()).containsExactly("b");
        assertThat(t.succeeded()).isZero();
        assertThat(t.release()).containsExactly(done, broke);
        assertThat(t.succeededTotal(false)).isEqualTo(1);
        assertThat(t.failedTotal()).isEqualTo(1);
        assertThat(t.settled()).isFalse();
    }

    @Test
    void aReleasedOrVanishedPodMovesIntoTheCounters() {
        Job job = withUncounted(job(), 2, 1, List.of("a", "gone"), List.of("b"));
        Pod a = released(pod("a", "Succeeded", 5));
        Pod b = pod("b", "Failed", 6); // still holds the finalizer: its removal is not seen yet

        FinishedPodTracking t = FinishedPodTracking.of(job.getStatus(), List.of(a, b), null);

        assertThat(t.succeeded()).isEqualTo(4);
        assertThat(t.uncountedSucceeded()).isEmpty();
        assertThat(t.failed()).isEqualTo(1);
        assertThat(t.uncountedFailed()).containsExactly("b");
        assertThat(t.release()).containsExactly(b);
    }

    @Test
    void aCountedPodIsNeverCountedAgain() {
        Job job = withUncounted(job(), 1, 0, List.of(), List.of());
        FinishedPodTracking t = FinishedPodTracking.of(job.getStatus(), List.of(released(pod("a", "Succeeded", 5))), null);
        assertThat(t.succeededTotal(false)).isEqualTo(1);
        assertThat(t.settled()).isTrue();
        assertThat(t.release()).isEmpty();
    }

    @Test
    void aPodDeletedBeforeItSucceededCountsAsFailed() {
        FinishedPodTracking t = FinishedPodTracking.of(null, List.of(deleting(pod("a", "Running", null))), null);
        assertThat(t.uncountedFailed()).containsExactly("a");
    }

    @Test
    void anIndexedJobCountsDistinctCompletedIndexes() {
        Job job = job().editStatus().withCompletedIndexes("0").endStatus().build();
        List<Pod> pods = List.of(indexed(pod("a", "Succeeded", 5), 1), indexed(pod("b", "Succeeded", 6), 1),
                indexed(pod("c", "Succeeded", 7), 9));

        FinishedPodTracking t = FinishedPodTracking.of(job.getStatus(), pods, 3);

        assertThat(t.completedIndexes()).containsExactly(0, 1);
        assertThat(t.succeededTotal(true)).isEqualTo(2);
        assertThat(t.uncountedSucceeded()).containsExactly("a", "b", "c");
    }
}

package io.k8j.controllers.statefulset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatefulSetStatusesTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:10:00Z");

    private static StatefulSet set(String strategy) {
        return new StatefulSetBuilder().withNewMetadata().withName("web").withGeneration(5L).endMetadata()
                .withNewSpec().withReplicas(3).withNewUpdateStrategy().withType(strategy).endUpdateStrategy().endSpec().build();
    }

    private static Pod pod(String revision, String phase, boolean ready, boolean terminating) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName("p").withLabels(Map.of("controller-revision-hash", revision))
                .endMetadata().withNewStatus().withPhase(phase).endStatus();
        if (ready) {
            b.editStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus();
        }
        if (terminating) {
            b.editMetadata().withDeletionTimestamp(NOW.toString()).endMetadata();
        }
        return b.build();
    }

    @Test
    void countsPodsByStateAndRevision() {
        List<Pod> pods = List.of(pod("web-a", "Running", true, false), pod("web-b", "Running", true, false),
                pod("web-b", "Pending", false, false), pod("web-a", "Running", false, true), pod("web-b", null, false, false));

        StatefulSetStatus s = StatefulSetStatuses.calculate(set("RollingUpdate"), pods, "web-a", "web-b", NOW);

        assertThat(s.getReplicas()).isEqualTo(4);
        assertThat(s.getReadyReplicas()).isEqualTo(2);
        assertThat(s.getAvailableReplicas()).isEqualTo(2);
        assertThat(s.getCurrentReplicas()).isEqualTo(1);
        assertThat(s.getUpdatedReplicas()).isEqualTo(2);
        assertThat(s.getCurrentRevision()).isEqualTo("web-a");
        assertThat(s.getUpdateRevision()).isEqualTo("web-b");
        assertThat(s.getObservedGeneration()).isEqualTo(5L);
    }

    @Test
    void aFinishedRollingUpdateMakesTheUpdateRevisionCurrent() {
        List<Pod> pods = List.of(pod("web-b", "Running", true, false), pod("web-b", "Running", true, false));

        StatefulSetStatus rolled = StatefulSetStatuses.calculate(set("RollingUpdate"), pods, "web-a", "web-b", NOW);
        StatefulSetStatus onDelete = StatefulSetStatuses.calculate(set("OnDelete"), pods, "web-a", "web-b", NOW);

        assertThat(rolled.getCurrentRevision()).isEqualTo("web-b");
        assertThat(rolled.getCurrentReplicas()).isEqualTo(2);
        assertThat(onDelete.getCurrentRevision()).isEqualTo("web-a");
        assertThat(onDelete.getCurrentReplicas()).isZero();
    }
}

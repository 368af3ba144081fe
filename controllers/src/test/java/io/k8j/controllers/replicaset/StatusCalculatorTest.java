package io.k8j.controllers.replicaset;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.k8j.controllers.replicaset.Pods.pod;
import static org.assertj.core.api.Assertions.assertThat;

class StatusCalculatorTest {
    private static ReplicaSet rs(int minReadySeconds) {
        return new ReplicaSetBuilder().withNewMetadata().withName("web").withGeneration(4L).endMetadata()
                .withNewSpec().withReplicas(3).withMinReadySeconds(minReadySeconds)
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "web")).endMetadata().endTemplate()
                .endSpec().build();
    }

    @Test
    void countsReadyAndAvailableAfterMinReadySeconds() {
        var labelled = pod("a", 0, null, "Running", 0);
        labelled.getMetadata().setLabels(Map.of("app", "web"));
        var readyLong = labelled;
        var readyJustNow = pod("b", 0, null, "Running", 95);
        var notReady = pod("c", 0, null, "Pending", null);
        Instant now = Instant.parse(Pods.at(100));

        ReplicaSetStatus s = StatusCalculator.calculate(rs(10), List.of(readyLong, readyJustNow, notReady), now);

        assertThat(s.getReplicas()).isEqualTo(3);
        assertThat(s.getFullyLabeledReplicas()).isEqualTo(1);
        assertThat(s.getReadyReplicas()).isEqualTo(2);
        assertThat(s.getAvailableReplicas()).isEqualTo(1);
        assertThat(s.getObservedGeneration()).isEqualTo(4L);
        assertThat(StatusCalculator.waitingForMinReady(rs(10), s)).isTrue();
        assertThat(StatusCalculator.waitingForMinReady(rs(0), s)).isFalse();
    }

    @Test
    void sameComparesCountsNotIdentity() {
        ReplicaSetStatus a = StatusCalculator.calculate(rs(0), List.of(), Instant.EPOCH);
        ReplicaSetStatus b = StatusCalculator.calculate(rs(0), List.of(), Instant.EPOCH);
        assertThat(StatusCalculator.same(a, b)).isTrue();
        b.setReadyReplicas(1);
        assertThat(StatusCalculator.same(a, b)).isFalse();
    }
}

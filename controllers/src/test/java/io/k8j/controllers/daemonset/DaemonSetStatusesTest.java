package io.k8j.controllers.daemonset;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.k8j.controllers.daemonset.Fixtures.HASH;
import static io.k8j.controllers.daemonset.Fixtures.NOW;
import static io.k8j.controllers.daemonset.Fixtures.eligible;
import static io.k8j.controllers.daemonset.Fixtures.pod;
import static io.k8j.controllers.daemonset.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

class DaemonSetStatusesTest {
    private static DaemonSet ds(int minReadySeconds) {
        return new DaemonSetBuilder().withNewMetadata().withName("agent").withGeneration(3L).endMetadata()
                .withNewSpec().withMinReadySeconds(minReadySeconds).endSpec().build();
    }

    private static final List<NodeState> NODES = List.of(
            eligible("n1", pod("a", HASH, 1, "Ready")),
            eligible("n2", pod("b", "old", 1, "Ready"), pod("b2", HASH, 5, "Running")),
            eligible("n3", pod("c", HASH, 1, "Running")),
            eligible("n4"),
            state("n5", Placement.NO, pod("e", HASH, 1, "Ready")),
            state("n6", Placement.NO));

    @Test
    void countsEligibleNodesByTheirOldestPod() {
        DaemonSetStatus s = DaemonSetStatuses.calculate(ds(0), NODES, HASH, NOW);

        assertThat(s.getDesiredNumberScheduled()).isEqualTo(4);
        assertThat(s.getCurrentNumberScheduled()).isEqualTo(3);
        assertThat(s.getNumberReady()).isEqualTo(2);
        assertThat(s.getNumberAvailable()).isEqualTo(2);
        assertThat(s.getNumberUnavailable()).isEqualTo(2);
        assertThat(s.getUpdatedNumberScheduled()).isEqualTo(2);
        assertThat(s.getNumberMisscheduled()).isEqualTo(1);
        assertThat(s.getObservedGeneration()).isEqualTo(3L);
        assertThat(DaemonSetStatuses.waitingForMinReady(s)).isFalse();
    }

    @Test
    void readyPodsAreAvailableOnlyAfterMinReadySeconds() {
        DaemonSetStatus s = DaemonSetStatuses.calculate(ds(3600), NODES, HASH, NOW);

        assertThat(s.getNumberReady()).isEqualTo(2);
        assertThat(s.getNumberAvailable()).isZero();
        assertThat(DaemonSetStatuses.waitingForMinReady(s)).isTrue();
        assertThat(DaemonSetStatuses.same(s, DaemonSetStatuses.calculate(ds(3600), NODES, HASH, NOW))).isTrue();
        assertThat(DaemonSetStatuses.same(s, DaemonSetStatuses.calculate(ds(0), NODES, HASH, NOW))).isFalse();
    }
}

package io.k8j.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.k8j.controllers.replicaset.Pods.pod;
import static org.assertj.core.api.Assertions.assertThat;

class DeletionOrderTest {
    record Case(String why, Pod first, Pod second) {
        @Override
        public String toString() {
            return why;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("unscheduled before scheduled", pod("a", 0, null, "Pending", null), pod("b", 0, "n1", "Pending", null)),
                new Case("pending before running", pod("a", 0, "n1", "Pending", null), pod("b", 0, "n1", "Running", null)),
                new Case("not ready before ready", pod("a", 0, "n1", "Running", null), pod("b", 0, "n1", "Running", 5)),
                new Case("ready more recently first", pod("a", 0, "n1", "Running", 9), pod("b", 0, "n1", "Running", 5)),
                new Case("newer before older", pod("a", 7, "n1", "Running", 9), pod("b", 3, "n1", "Running", 9)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void victimsAreTheLeastEstablished(Case c) {
        assertThat(DeletionOrder.victims(List.of(c.second, c.first), 1)).containsExactly(c.first);
        assertThat(DeletionOrder.victims(List.of(c.first, c.second), 1)).containsExactly(c.first);
    }
}

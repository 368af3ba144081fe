package io.k8j.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Taint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.k8j.controllers.nodelifecycle.NodeHealthTaints.NOT_READY;
import static io.k8j.controllers.nodelifecycle.NodeHealthTaints.UNREACHABLE;
import static io.k8j.controllers.nodelifecycle.Nodes.at;
import static io.k8j.controllers.nodelifecycle.Nodes.taint;
import static org.assertj.core.api.Assertions.assertThat;

class NodeHealthTaintsTest {
    private static final Taint CONTROL_PLANE = taint("node-role.kubernetes.io/control-plane", "NoSchedule", null);

    record Case(String why, List<Taint> current, NodeHealth health, List<Taint> expected) {
        @Override
        public String toString() {
            return why;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a ready node has none", List.of(CONTROL_PLANE), NodeHealth.READY, List.of(CONTROL_PLANE)),
                new Case("a silent node gets both unreachable taints, stamped now", List.of(CONTROL_PLANE), NodeHealth.SILENT,
                        List.of(CONTROL_PLANE, taint(UNREACHABLE, "NoSchedule", 100), taint(UNREACHABLE, "NoExecute", 100))),
                new Case("an Unknown node is unreachable too", List.of(), NodeHealth.UNKNOWN,
                        List.of(taint(UNREACHABLE, "NoSchedule", 100), taint(UNREACHABLE, "NoExecute", 100))),
                new Case("existing taints keep their time", List.of(taint(UNREACHABLE, "NoExecute", 7)), NodeHealth.SILENT,
                        List.of(taint(UNREACHABLE, "NoExecute", 7), taint(UNREACHABLE, "NoSchedule", 100))),
                new Case("not ready replaces unreachable", List.of(taint(UNREACHABLE, "NoSchedule", 7), taint(UNREACHABLE, "NoExecute", 7)),
                        NodeHealth.NOT_READY, List.of(taint(NOT_READY, "NoSchedule", 100), taint(NOT_READY, "NoExecute", 100))),
                new Case("back to ready removes them, other taints stay",
                        List.of(taint(NOT_READY, "NoSchedule", 7), CONTROL_PLANE, taint(NOT_READY, "NoExecute", 7)),
                        NodeHealth.READY, List.of(CONTROL_PLANE)),
                new Case("a node that has not reported yet is left alone", null, NodeHealth.UNREPORTED, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void healthTaintsFollowHealth(Case c) {
        assertThat(NodeHealthTaints.reconcile(c.current, c.health, at(100))).isEqualTo(c.expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reconcilingAgainChangesNothing(Case c) {
        List<Taint> once = NodeHealthTaints.reconcile(c.current, c.health, at(100));
        assertThat(NodeHealthTaints.reconcile(once, c.health, at(200))).isSameAs(once);
    }
}

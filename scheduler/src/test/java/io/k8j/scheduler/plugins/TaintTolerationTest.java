package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.k8j.scheduler.Fixtures.node;
import static io.k8j.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class TaintTolerationTest {
    private static final String CP = "node-role.kubernetes.io/control-plane";

    static Stream<Arguments> filter() {
        Node controlPlane = node("cp").taint(CP, null, "NoSchedule").build();
        return Stream.of(
                arguments("untainted", pod("p").build(), node("n").build(), null),
                arguments("control plane keeps user pods off", pod("p").build(), controlPlane,
                        "node(s) had untolerated taint {" + CP + ": }"),
                arguments("Exists tolerates", pod("p").tolerate(CP, "Exists", null, "NoSchedule").build(), controlPlane, null),
                arguments("empty key Exists tolerates all", pod("p").tolerate(null, "Exists", null, null).build(), controlPlane, null),
                arguments("other effect does not tolerate", pod("p").tolerate(CP, "Exists", null, "NoExecute").build(), controlPlane,
                        "node(s) had untolerated taint {" + CP + ": }"),
                arguments("Equal needs the value", pod("p").tolerate("dedicated", "Equal", "db", null).build(),
                        node("n").taint("dedicated", "web", "NoExecute").build(), "node(s) had untolerated taint {dedicated: web}"),
                arguments("Equal with the value", pod("p").tolerate("dedicated", "Equal", "web", null).build(),
                        node("n").taint("dedicated", "web", "NoExecute").build(), null),
                arguments("PreferNoSchedule does not filter", pod("p").build(),
                        node("n").taint("soft", "x", "PreferNoSchedule").build(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filter")
    void filter(String name, Pod pod, Node node, String reason) {
        var taint = TaintToleration.untolerated(node.getSpec().getTaints(), pod.getSpec().getTolerations());
        assertThat(taint == null ? null : TaintToleration.reason(taint)).isEqualTo(reason);
    }

    static Stream<Arguments> score() {
        return Stream.of(
                arguments(pod("p").build(), node("n").build(), 0L),
                arguments(pod("p").build(), node("n").taint("a", "", "PreferNoSchedule").taint("b", "", "PreferNoSchedule").build(), 2L),
                arguments(pod("p").tolerate("a", "Exists", null, "PreferNoSchedule").build(),
                        node("n").taint("a", "", "PreferNoSchedule").build(), 0L),
                arguments(pod("p").tolerate("a", "Exists", null, "NoSchedule").build(),
                        node("n").taint("a", "", "PreferNoSchedule").build(), 1L));
    }

    @ParameterizedTest
    @MethodSource("score")
    void countsIntolerablePreferNoSchedule(Pod pod, Node node, long count) {
        assertThat(TaintToleration.intolerablePreferNoSchedule(node.getSpec().getTaints(), pod.getSpec().getTolerations()))
                .isEqualTo(count);
    }
}

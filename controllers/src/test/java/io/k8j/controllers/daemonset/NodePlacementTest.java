package io.k8j.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.k8j.controllers.daemonset.Fixtures.HASH;
import static io.k8j.controllers.daemonset.Fixtures.eligible;
import static io.k8j.controllers.daemonset.Fixtures.pod;
import static io.k8j.controllers.daemonset.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

class NodePlacementTest {
    private static final Placement NO_NEW = new Placement(false, true);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("eligible node without a pod gets one", List.of(eligible("n1")), List.of(), false,
                        List.of("n1"), List.of()),
                Arguments.of("eligible node with a pod is left alone", List.of(eligible("n1", pod("a", HASH, 1, "Ready"))),
                        List.of(), false, List.of(), List.of()),
                Arguments.of("a terminating pod holds the node until it is gone",
                        List.of(eligible("n1", pod("a", HASH, 1, "Terminating"))), List.of(), false, List.of(), List.of()),
                Arguments.of("ineligible node loses its pods", List.of(state("n1", Placement.NO, pod("a", HASH, 1, "Ready"))),
                        List.of(), false, List.of(), List.of("a")),
                Arguments.of("NoSchedule-tainted node keeps its pod", List.of(state("n1", NO_NEW, pod("a", HASH, 1, "Ready"))),
                        List.of(), false, List.of(), List.of()),
                Arguments.of("failed pod is deleted", List.of(eligible("n1", pod("a", HASH, 1, "Failed"))),
                        List.of(), false, List.of(), List.of("a")),
                Arguments.of("duplicates: the oldest stays", List.of(eligible("n1", pod("b", HASH, 2, "Ready"),
                        pod("a", HASH, 1, "Ready"), pod("c", HASH, 3, "Ready"))), List.of(), false, List.of(), List.of("b", "c")),
                Arguments.of("surge: a ready old pod stays beside the new one", List.of(eligible("n1",
                        pod("old", "old", 1, "Ready"), pod("new", HASH, 2, "Running"))), List.of(), true, List.of(), List.of()),
                Arguments.of("surge: an unready old pod goes", List.of(eligible("n1",
                        pod("old", "old", 1, "Running"), pod("new", HASH, 2, "Running"))), List.of(), true, List.of(), List.of("old")),
                Arguments.of("pods of removed nodes go", List.of(), List.of(pod("gone", HASH, 1, "Ready")), false,
                        List.of(), List.of("gone")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plansCreationsAndDeletions(String name, List<NodeState> nodes, List<Pod> stranded, boolean surge,
                                    List<String> create, List<String> delete) {
        Plan plan = NodePlacement.plan(nodes, stranded, HASH, surge);

        assertThat(plan.create()).containsExactlyElementsOf(create);
        assertThat(plan.delete()).extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(delete);
    }
}

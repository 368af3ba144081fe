package io.k8j.controllers.daemonset;

import io.k8j.controllers.deployment.Fenceposts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.k8j.controllers.daemonset.Fixtures.HASH;
import static io.k8j.controllers.daemonset.Fixtures.NOW;
import static io.k8j.controllers.daemonset.Fixtures.eligible;
import static io.k8j.controllers.daemonset.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

class RollingUpdateTest {
    private static final Fenceposts ONE_UNAVAILABLE = new Fenceposts(0, 1);
    private static final Fenceposts ONE_SURGE = new Fenceposts(1, 0);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("maxUnavailable 1: one old available pod goes", ONE_UNAVAILABLE,
                        List.of(eligible("n1", pod("o1", "old", 1, "Ready")), eligible("n2", pod("o2", "old", 1, "Ready"))),
                        List.of(), List.of("o1")),
                Arguments.of("a node already without an available pod uses the budget", ONE_UNAVAILABLE,
                        List.of(eligible("n1", pod("n", HASH, 1, "Running")), eligible("n2", pod("o2", "old", 1, "Ready"))),
                        List.of(), List.of()),
                Arguments.of("a terminating old pod counts as unavailable", ONE_UNAVAILABLE,
                        List.of(eligible("n1", pod("o1", "old", 1, "Terminating")), eligible("n2", pod("o2", "old", 1, "Ready"))),
                        List.of(), List.of()),
                Arguments.of("unavailable old pods go regardless of the budget", ONE_UNAVAILABLE,
                        List.of(eligible("n1", pod("o1", "old", 1, "Running")), eligible("n2", pod("o2", "old", 1, "Running")),
                                eligible("n3", pod("o3", "old", 1, "Ready"))),
                        List.of(), List.of("o1", "o2", "o3")),
                Arguments.of("all updated and available: nothing to do", ONE_UNAVAILABLE,
                        List.of(eligible("n1", pod("a", HASH, 1, "Ready"))), List.of(), List.of()),
                Arguments.of("maxSurge 1: one new pod beside an old one", ONE_SURGE,
                        List.of(eligible("n1", pod("o1", "old", 1, "Ready")), eligible("n2", pod("o2", "old", 1, "Ready"))),
                        List.of("n1"), List.of()),
                Arguments.of("surge: old pod goes once the new one is available", ONE_SURGE,
                        List.of(eligible("n1", pod("o1", "old", 1, "Ready"), pod("n1", HASH, 2, "Ready")),
                                eligible("n2", pod("o2", "old", 1, "Ready"))),
                        List.of("n2"), List.of("o1")),
                Arguments.of("surge: a new pod not yet available holds the budget", ONE_SURGE,
                        List.of(eligible("n1", pod("o1", "old", 1, "Ready"), pod("n1", HASH, 2, "Running")),
                                eligible("n2", pod("o2", "old", 1, "Ready"))),
                        List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void takesOneStep(String name, Fenceposts fenceposts, List<NodeState> nodes, List<String> create, List<String> delete) {
        Plan plan = RollingUpdate.step(nodes, HASH, fenceposts, 0, NOW);

        assertThat(plan.create()).containsExactlyElementsOf(create);
        assertThat(plan.delete()).extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(delete);
    }
}

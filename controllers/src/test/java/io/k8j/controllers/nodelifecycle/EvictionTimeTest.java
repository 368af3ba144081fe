package io.k8j.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static io.k8j.controllers.nodelifecycle.NodeHealthTaints.NOT_READY;
import static io.k8j.controllers.nodelifecycle.NodeHealthTaints.UNREACHABLE;
import static io.k8j.controllers.nodelifecycle.Nodes.at;
import static io.k8j.controllers.nodelifecycle.Nodes.taint;
import static io.k8j.controllers.nodelifecycle.Nodes.tolerate;
import static org.assertj.core.api.Assertions.assertThat;

class EvictionTimeTest {
    private static final Instant NOW = at(100);
    private static final Instant FIRST_SEEN = at(50);

    record Case(String why, List<Taint> taints, List<Toleration> tolerations, Integer expected) {
        @Override
        public String toString() {
            return why;
        }
    }

    static Stream<Case> cases() {
        Taint unreachable = taint(UNREACHABLE, "NoExecute", 90);
        return Stream.of(
                new Case("no taints: never", List.of(), List.of(), null),
                new Case("NoSchedule only: never", List.of(taint(UNREACHABLE, "NoSchedule", 90)), List.of(), null),
                new Case("untolerated NoExecute: now", List.of(unreachable), List.of(), 100),
                new Case("tolerated 300 s: 300 s after the taint", List.of(unreachable),
                        List.of(tolerate(UNREACHABLE, "NoExecute", 300L)), 390),
                new Case("the smallest of matching tolerations", List.of(unreachable),
                        List.of(tolerate(UNREACHABLE, "NoExecute", 300L), tolerate("", "", 20L)), 110),
                new Case("tolerated for good: never", List.of(unreachable), List.of(tolerate(UNREACHABLE, "NoExecute", null)), null),
                new Case("time long past: due", List.of(unreachable), List.of(tolerate(UNREACHABLE, "NoExecute", 5L)), 95),
                new Case("one taint tolerated, the other not: now", List.of(unreachable, taint(NOT_READY, "NoExecute", 90)),
                        List.of(tolerate(UNREACHABLE, "NoExecute", 300L)), 100),
                new Case("earliest of two tolerated taints", List.of(unreachable, taint(NOT_READY, "NoExecute", 95)),
                        List.of(tolerate(UNREACHABLE, "NoExecute", 300L), tolerate(NOT_READY, "NoExecute", 10L)), 105),
                new Case("no timeAdded: counted from first sight", List.of(taint(UNREACHABLE, "NoExecute", null)),
                        List.of(tolerate(UNREACHABLE, "NoExecute", 60L)), 110));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evictionTime(Case c) {
        Optional<Instant> expected = Optional.ofNullable(c.expected).map(Nodes::at);
        assertThat(EvictionTime.of(c.taints, c.tolerations,
                t -> t.getTimeAdded() == null ? FIRST_SEEN : Instant.parse(t.getTimeAdded()), NOW)).isEqualTo(expected);
    }
}

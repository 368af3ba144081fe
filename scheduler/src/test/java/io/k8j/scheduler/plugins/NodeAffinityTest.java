package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.k8j.client.NodeSelectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.k8j.scheduler.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class NodeAffinityTest {
    private static final Map<String, String> LABELS = Map.of("zone", "a", "cores", "8", "disk", "ssd");

    static NodeSelectorRequirement req(String key, String op, String... values) {
        return new NodeSelectorRequirement(key, op, List.of(values));
    }

    static Stream<Arguments> requirements() {
        return Stream.of(
                arguments(req("zone", "In", "a", "b"), true), arguments(req("zone", "In", "b"), false),
                arguments(req("zone", "NotIn", "b"), true), arguments(req("zone", "NotIn", "a"), false),
                arguments(req("missing", "NotIn", "a"), true),
                arguments(req("disk", "Exists"), true), arguments(req("gpu", "Exists"), false),
                arguments(req("gpu", "DoesNotExist"), true), arguments(req("disk", "DoesNotExist"), false),
                arguments(req("cores", "Gt", "4"), true), arguments(req("cores", "Gt", "8"), false),
                arguments(req("cores", "Lt", "16"), true), arguments(req("zone", "Lt", "16"), false),
                arguments(req("missing", "Gt", "1"), false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("requirements")
    void requirement(NodeSelectorRequirement r, boolean matches) {
        assertThat(NodeSelectors.matches(r, LABELS)).isEqualTo(matches);
    }

    static Stream<Arguments> fits() {
        var nodeA = node("n1").label("zone", "a").build();
        NodeSelectorTerm zoneB = new NodeSelectorTerm(List.of(req("zone", "In", "b")), List.of());
        NodeSelectorTerm zoneA = new NodeSelectorTerm(List.of(req("zone", "In", "a")), List.of());
        NodeSelectorTerm byName = new NodeSelectorTerm(List.of(), List.of(req("metadata.name", "In", "n1")));
        return Stream.of(
                arguments("no constraints", Map.of(), null, nodeA, true),
                arguments("nodeSelector matches", Map.of("zone", "a"), null, nodeA, true),
                arguments("nodeSelector misses", Map.of("zone", "b"), null, nodeA, false),
                arguments("terms are ORed", Map.of(), affinity(zoneB, zoneA), nodeA, true),
                arguments("no term matches", Map.of(), affinity(zoneB), nodeA, false),
                arguments("empty term matches nothing", Map.of(), affinity(new NodeSelectorTerm()), nodeA, false),
                arguments("matchFields by name", Map.of(), affinity(byName), nodeA, true),
                arguments("selector and affinity both apply", Map.of("zone", "b"), affinity(zoneA), nodeA, false));
    }

    static io.fabric8.kubernetes.api.model.NodeAffinity affinity(NodeSelectorTerm... terms) {
        return new io.fabric8.kubernetes.api.model.NodeAffinityBuilder().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .withNodeSelectorTerms(terms).endRequiredDuringSchedulingIgnoredDuringExecution().build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fits")
    void fits(String name, Map<String, String> selector, io.fabric8.kubernetes.api.model.NodeAffinity affinity,
              io.fabric8.kubernetes.api.model.Node node, boolean fits) {
        assertThat(NodeAffinity.fits(selector, affinity, node)).isEqualTo(fits);
    }

    @ParameterizedTest(name = "preferred weight on zone={0} is {1}")
    @MethodSource("preferred")
    void preferredWeightsAddUp(String zone, long weight) {
        List<PreferredSchedulingTerm> terms = List.of(
                new PreferredSchedulingTerm(new NodeSelectorTerm(List.of(req("zone", "In", "a")), List.of()), 5),
                new PreferredSchedulingTerm(new NodeSelectorTerm(List.of(req("zone", "Exists")), List.of()), 2));
        assertThat(NodeAffinity.preferredWeight(terms, node("n").label("zone", zone).build())).isEqualTo(weight);
    }

    static Stream<Arguments> preferred() {
        return Stream.of(arguments("a", 7L), arguments("b", 2L));
    }
}

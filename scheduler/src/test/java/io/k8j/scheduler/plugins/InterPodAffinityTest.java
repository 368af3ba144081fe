package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.k8j.scheduler.Fixtures;
import io.k8j.scheduler.framework.NodeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.k8j.scheduler.Fixtures.node;
import static io.k8j.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class InterPodAffinityTest {
    static PodAffinityTerm term(String app, String topologyKey) {
        return new PodAffinityTermBuilder().withNewLabelSelector().addToMatchLabels("app", app).endLabelSelector()
                .withTopologyKey(topologyKey).build();
    }

    static Fixtures.PodFixture withAffinity(Fixtures.PodFixture p, PodAffinityTerm affinity, PodAffinityTerm anti) {
        return p.edit(b -> b.editSpec().withNewAffinity()
                .withNewPodAffinity().withRequiredDuringSchedulingIgnoredDuringExecution(affinity == null ? List.of() : List.of(affinity)).endPodAffinity()
                .withNewPodAntiAffinity().withRequiredDuringSchedulingIgnoredDuringExecution(anti == null ? List.of() : List.of(anti)).endPodAntiAffinity()
                .endAffinity().endSpec());
    }

    static final String HOST = "kubernetes.io/hostname";

    /** Two zones: n1 (zone a) runs a db pod, n2 (zone b) is empty. The pod is judged on n2 unless noted. */
    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("no terms", pod("p").build(), pod("db").label("app", "db").build(), "b", null),
                arguments("anti-affinity to db by zone, other zone", withAffinity(pod("p"), null, term("db", "zone")).build(),
                        pod("db").label("app", "db").build(), "b", null),
                arguments("anti-affinity to db by zone, same zone", withAffinity(pod("p"), null, term("db", "zone")).build(),
                        pod("db").label("app", "db").build(), "a", InterPodAffinity.ANTI_AFFINITY),
                arguments("affinity to db, zone without db", withAffinity(pod("p"), term("db", "zone"), null).build(),
                        pod("db").label("app", "db").build(), "b", InterPodAffinity.AFFINITY),
                arguments("affinity to db, zone with db", withAffinity(pod("p"), term("db", "zone"), null).build(),
                        pod("db").label("app", "db").build(), "a", null),
                arguments("first pod of a self-affine group goes anywhere", withAffinity(pod("p").label("app", "web"), term("web", "zone"), null).build(),
                        pod("db").label("app", "db").build(), "b", null),
                arguments("existing pod's anti-affinity keeps us out of its zone", pod("p").label("app", "web").build(),
                        withAffinity(pod("db").label("app", "db"), null, term("web", "zone")).build(), "a", InterPodAffinity.EXISTING_ANTI_AFFINITY),
                arguments("other namespaces do not count", withAffinity(pod("p"), null, term("db", "zone")).build(),
                        pod("db").label("app", "db").edit(b -> b.editMetadata().withNamespace("other").endMetadata()).build(), "a", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filter(String name, Pod pod, Pod existing, String zone, String reason) {
        List<NodeInfo> nodes = List.of(node("n1").label("zone", "a").info(existing), node("n2").label("zone", "b").info());
        var counts = InterPodAffinityCounts.count(pod, nodes);
        assertThat(InterPodAffinityCounts.reject(counts, pod, Map.of("zone", zone))).isEqualTo(reason);
    }

    @ParameterizedTest(name = "preferred weight {0}")
    @MethodSource("preferred")
    void preferredTermsScoreTheDomain(int weight, boolean anti, long expected) {
        var w = new WeightedPodAffinityTerm(term("db", "zone"), weight);
        Pod pod = pod("p").edit(b -> anti
                ? b.editSpec().withNewAffinity().withNewPodAntiAffinity().withPreferredDuringSchedulingIgnoredDuringExecution(w).endPodAntiAffinity().endAffinity().endSpec()
                : b.editSpec().withNewAffinity().withNewPodAffinity().withPreferredDuringSchedulingIgnoredDuringExecution(w).endPodAffinity().endAffinity().endSpec()).build();
        Map<String, Long> scores = new HashMap<>();
        InterPodAffinity.addScores(scores, pod, pod("db").label("app", "db").build(), Map.of("zone", "a"));
        assertThat(scores).containsExactly(Map.entry("zone=a", expected));
    }

    static Stream<Arguments> preferred() {
        return Stream.of(arguments(5, false, 5L), arguments(3, true, -3L));
    }
}

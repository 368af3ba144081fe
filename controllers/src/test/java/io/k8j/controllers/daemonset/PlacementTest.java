package io.k8j.controllers.daemonset;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.k8j.controllers.daemonset.Fixtures.node;
import static io.k8j.controllers.daemonset.Fixtures.taint;
import static io.k8j.controllers.daemonset.Fixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

class PlacementTest {
    private static final Map<String, String> SSD = Map.of("disk", "ssd");

    static Stream<Arguments> cases() {
        PodSpec plain = template();
        PodSpec wantsSsd = template();
        wantsSsd.setNodeSelector(SSD);
        PodSpec pinnedByAffinity = template();
        pinnedByAffinity.setAffinity(new AffinityBuilder().withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm().addNewMatchExpression()
                .withKey("disk").withOperator("In").withValues("ssd").endMatchExpression().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build());
        PodSpec toleratesInfra = template();
        toleratesInfra.setTolerations(List.of(new TolerationBuilder().withKey("dedicated").withOperator("Exists").build()));
        PodSpec named = template();
        named.setNodeName("n2");
        Node bare = node("n1", Map.of());
        Node ssd = node("n1", SSD);
        return Stream.of(
                Arguments.of("plain node", plain, bare, true, true),
                Arguments.of("nodeSelector not matched", wantsSsd, bare, false, false),
                Arguments.of("nodeSelector matched", wantsSsd, ssd, true, true),
                Arguments.of("required affinity not matched", pinnedByAffinity, bare, false, false),
                Arguments.of("required affinity matched", pinnedByAffinity, ssd, true, true),
                Arguments.of("other nodeName", named, bare, false, false),
                Arguments.of("NoSchedule taint: no new pod, old ones stay", plain, node("n1", Map.of(), taint("dedicated", "NoSchedule")), false, true),
                Arguments.of("NoExecute taint: pods go", plain, node("n1", Map.of(), taint("dedicated", "NoExecute")), false, false),
                Arguments.of("PreferNoSchedule is no bar", plain, node("n1", Map.of(), taint("dedicated", "PreferNoSchedule")), true, true),
                Arguments.of("tolerated taint", toleratesInfra, node("n1", Map.of(), taint("dedicated", "NoSchedule")), true, true),
                Arguments.of("cordoned: daemon pods tolerate unschedulable", plain,
                        node("n1", Map.of(), taint("node.kubernetes.io/unschedulable", "NoSchedule")), true, true),
                Arguments.of("not ready: daemon pods tolerate it", plain,
                        node("n1", Map.of(), taint("node.kubernetes.io/not-ready", "NoExecute")), true, true),
                Arguments.of("disk pressure tolerated", plain,
                        node("n1", Map.of(), taint("node.kubernetes.io/disk-pressure", "NoSchedule")), true, true),
                Arguments.of("network unavailable: only hostNetwork pods tolerate it", plain,
                        node("n1", Map.of(), taint("node.kubernetes.io/network-unavailable", "NoSchedule")), false, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesWhetherTheNodeGetsOrKeepsADaemonPod(String name, PodSpec template, Node node, boolean run, boolean keep) {
        assertThat(Placement.of(template, node)).isEqualTo(new Placement(run, keep));
    }
}

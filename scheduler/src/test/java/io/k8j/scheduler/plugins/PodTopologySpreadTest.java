package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.k8j.scheduler.framework.NodeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.k8j.scheduler.Fixtures.node;
import static io.k8j.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

class PodTopologySpreadTest {
    static Pod web(String name, int maxSkew, String when) {
        TopologySpreadConstraint c = new TopologySpreadConstraintBuilder().withMaxSkew(maxSkew).withTopologyKey("zone")
                .withWhenUnsatisfiable(when).withNewLabelSelector().addToMatchLabels("app", "web").endLabelSelector().build();
        return pod(name).label("app", "web").edit(b -> b.editSpec().withTopologySpreadConstraints(c).endSpec()).build();
    }

    /** Zone a holds {@code inA} web pods, zone b {@code inB}; zone c exists only with a nodeSelector-excluded node. */
    @ParameterizedTest(name = "a={0} b={1} maxSkew={2}: zone {3} -> {4}")
    @CsvSource(nullValues = "-", value = {
            "0,0,1,a,-", "1,0,1,a,SKEW", "1,0,1,b,-", "2,0,2,a,SKEW", "1,0,2,a,-", "1,1,1,a,-", "0,0,1,-,MISSING"})
    void filter(int inA, int inB, int maxSkew, String zone, String expected) {
        Pod pod = web("p", maxSkew, "DoNotSchedule");
        List<NodeInfo> nodes = List.of(node("a").label("zone", "a").info(webs("a", inA)),
                node("b").label("zone", "b").info(webs("b", inB)), node("bare").info());
        var constraints = PodTopologySpread.constraints(pod, "DoNotSchedule");
        var counts = PodTopologySpread.count(pod, constraints, nodes);
        var target = zone == null ? node("x").build() : node("x").label("zone", zone).build();
        var status = PodTopologySpread.check(pod, constraints, counts, target);
        String reason = status.isSuccess() ? null : status.reasons().get(0);
        assertThat(reason).isEqualTo(expected == null ? null
                : expected.equals("SKEW") ? PodTopologySpread.SKEW : PodTopologySpread.MISSING_LABEL);
    }

    private static Pod[] webs(String zone, int n) {
        Pod[] pods = new Pod[n];
        for (int i = 0; i < n; i++) {
            pods[i] = pod(zone + i).label("app", "web").build();
        }
        return pods;
    }
}

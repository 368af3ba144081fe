package io.k8j.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.scheduler.framework.CycleState;
import io.k8j.scheduler.framework.Framework;
import io.k8j.scheduler.framework.NodeInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static io.k8j.scheduler.Fixtures.node;
import static io.k8j.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

/** The default profile over small clusters, without an API server (the binder is never called). */
class ScheduleAlgorithmTest {
    private final Framework framework = DefaultPlugins.registry(null, new java.util.concurrent.atomic.AtomicReference<>()).build(null, DefaultPlugins.ENABLED, DefaultPlugins.WEIGHTS);
    private final ScheduleAlgorithm algorithm = new ScheduleAlgorithm(framework, new Random(1));

    private ScheduleAlgorithm.Result schedule(Pod pod, NodeInfo... nodes) {
        return algorithm.schedule(new CycleState(), pod, List.of(nodes));
    }

    @Test
    void aggregatesReasonsLikeKube() {
        var result = schedule(pod("p").req("cpu", "3").build(),
                node("n1").info(pod("a").req("cpu", "2").build()),
                node("n2").info(pod("b").req("cpu", "2").build()),
                node("cp").taint("node-role.kubernetes.io/control-plane", null, "NoSchedule").info());
        assertThat(result.node()).isNull();
        assertThat(result.diagnosis().message()).isEqualTo("0/3 nodes are available: "
                + "1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. "
                + "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, "
                + "2 No preemption victims found for incoming pod.");
        assertThat(result.diagnosis().rejectedBy()).containsExactly("NodeResourcesFit", "TaintToleration");
    }

    @Test
    void unsatisfiableSelectorIsNotHelpedByPreemption() {
        var result = schedule(pod("p").nodeSelector("disk", "ssd").build(), node("n1").info(), node("n2").info());
        assertThat(result.diagnosis().message()).isEqualTo("0/2 nodes are available: "
                + "2 node(s) didn't match Pod's node affinity/selector. "
                + "preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.");
    }

    @Test
    void prefersTheEmptierNode() {
        var result = schedule(pod("p").req("cpu", "1").build(),
                node("busy").info(pod("a").req("cpu", "3").req("memory", "6Gi").build()), node("idle").info());
        assertThat(result.node()).isEqualTo("idle");
    }

    @Test
    void tiesAreBrokenAtRandom() {
        List<String> chosen = new ArrayList<>();
        IntStream.range(0, 50).forEach(i -> chosen.add(schedule(pod("p").build(), node("a").info(), node("b").info()).node()));
        assertThat(chosen).contains("a", "b");
    }

    @Test
    void aNodeWithoutSpecHasNoTaints() {
        var bare = new NodeInfo(new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata().withName("bare").endMetadata()
                .withNewStatus().addToAllocatable("cpu", new io.fabric8.kubernetes.api.model.Quantity("1"))
                .addToAllocatable("pods", new io.fabric8.kubernetes.api.model.Quantity("10")).endStatus().build());
        assertThat(schedule(pod("p").build(), bare).node()).isEqualTo("bare");
        assertThat(schedule(pod("p").build(), bare, node("other").info()).node()).isNotNull();
    }

    @Test
    void examinesOnlyEnoughNodesInLargeClusters() {
        assertThat(ScheduleAlgorithm.feasibleNodesToFind(50)).isEqualTo(50);
        assertThat(ScheduleAlgorithm.feasibleNodesToFind(1000)).isEqualTo(420);
        assertThat(ScheduleAlgorithm.feasibleNodesToFind(5000)).isEqualTo(500);
    }
}

package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.scheduler.framework.CycleState;
import io.k8j.scheduler.framework.NodeInfo;
import io.k8j.scheduler.framework.PodRequests;
import io.k8j.scheduler.framework.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.k8j.scheduler.Fixtures.node;
import static io.k8j.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class DefaultPreemptionTest {
    /** Filters: resources only, as NodeResourcesFit decides. */
    private static Status fits(CycleState state, Pod pod, NodeInfo node) {
        List<String> reasons = NodeResourcesFit.insufficient(PodRequests.of(pod), node.allocatable(), node.requested(), node.pods().size());
        return reasons.isEmpty() ? Status.SUCCESS : Status.unschedulable(reasons.toArray(String[]::new));
    }

    private static Pod low(String name, String cpu, int priority) {
        return pod(name).req("cpu", cpu).priority(priority).build();
    }

    static Stream<Arguments> cases() {
        Pod high = pod("high").req("cpu", "2").priority(1000).build();
        return Stream.of(
                arguments("one low pod makes room", high, List.of(node("a").info(low("l1", "2", 0), low("l2", "2", 0))),
                        "a", List.of("l1|l2")),
                arguments("the least important is evicted, the other reprieved", high,
                        List.of(node("a").info(low("mid", "2", 500), low("lowest", "2", 10))), "a", List.of("lowest")),
                arguments("equal or higher priority is never a victim", high,
                        List.of(node("a").info(low("peer", "2", 1000), low("boss", "2", 2000))), null, List.of()),
                arguments("the node with the least important victims wins", high,
                        List.of(node("a").info(low("a1", "4", 500)), node("b").info(low("b1", "4", 100))), "b", List.of("b1")),
                arguments("then the fewest victims", high,
                        List.of(node("a").info(low("a1", "1", 0), low("a2", "1", 0), low("a3", "1", 0), low("a4", "1", 0)),
                                node("b").info(low("b1", "2", 0), low("b2", "2", 0))), "b", List.of("b1|b2")),
                arguments("evicting everything lower is not enough", pod("huge").req("cpu", "6").priority(1000).build(),
                        List.of(node("a").info(low("l", "2", 0))), null, List.of()),
                arguments("preemptionPolicy Never", pod("polite").req("cpu", "2").priority(1000)
                        .edit(b -> b.editSpec().withPreemptionPolicy("Never").endSpec()).build(),
                        List.of(node("a").info(low("l1", "4", 0))), null, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void preemption(String name, Pod preemptor, List<NodeInfo> nodes, String nominated, List<String> victims) {
        List<String> evicted = new ArrayList<>();
        List<String> nominations = new ArrayList<>();
        DefaultPreemption plugin = new DefaultPreemption(DefaultPreemptionTest::fits, new PreemptionWriter() {
            @Override
            public void evict(Pod victim, Pod p, String node) {
                evicted.add(victim.getMetadata().getName());
            }

            @Override
            public void nominate(Pod p, String node) {
                nominations.add(node);
            }
        });
        CycleState state = new CycleState();
        plugin.preFilter(state, preemptor, nodes);
        Map<String, Status> filtered = new LinkedHashMap<>();
        nodes.forEach(n -> filtered.put(n.name(), fits(state, preemptor, n)));

        Status s = plugin.postFilter(state, preemptor, filtered);

        assertThat(s.isSuccess()).isEqualTo(nominated != null);
        assertThat(nominations).isEqualTo(nominated == null ? List.of() : List.of(nominated));
        if (victims.isEmpty()) {
            assertThat(evicted).isEmpty();
        } else {
            // "x|y": exactly one of them (equal victims, either will do)
            assertThat(evicted).hasSize(victims.size());
            assertThat(victims.get(0).split("\\|")).contains(evicted.get(0));
        }
    }
}

package io.k8j.controllers.statefulset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class OrdinalPlanTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:10:00Z");

    /** replicas, OrderedReady or Parallel, RollingUpdate with a partition (or OnDelete when null). */
    private static SetShape shape(int replicas, boolean parallel, Integer partition) {
        return new SetShape(0, replicas, parallel, partition != null, partition, 0, 0);
    }

    /** "2:ready", "2:running", "2:terminating", "2:failed"; revision "new" unless the state ends in "@old". */
    private static Map<Integer, Pod> pods(String... specs) {
        Map<Integer, Pod> pods = new TreeMap<>();
        for (String spec : specs) {
            String[] parts = spec.split("[:@]");
            int ordinal = Integer.parseInt(parts[0]);
            String state = parts[1];
            PodBuilder b = new PodBuilder().withNewMetadata().withName("web-" + ordinal)
                    .withLabels(Map.of("controller-revision-hash", parts.length > 2 ? parts[2] : "new")).endMetadata()
                    .withNewStatus().withPhase(state.equals("failed") ? "Failed" : "Running").endStatus();
            if (state.equals("ready")) {
                b.editStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus();
            }
            if (state.equals("terminating")) {
                b.editMetadata().withDeletionTimestamp(NOW.toString()).endMetadata();
            }
            pods.put(ordinal, b.build());
        }
        return pods;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("ordered: creates the lowest missing ordinal", shape(3, false, 0), pods(), List.of("create 0")),
                Arguments.of("ordered: waits for the previous pod to be Ready", shape(3, false, 0), pods("0:running"), List.of()),
                Arguments.of("ordered: next once it is", shape(3, false, 0), pods("0:ready"), List.of("create 1")),
                Arguments.of("ordered: refills a gap first", shape(3, false, 0), pods("0:ready", "2:ready"), List.of("create 1")),
                Arguments.of("parallel: creates every missing ordinal", shape(3, true, 0), pods("1:running"),
                        List.of("create 0", "create 2")),
                Arguments.of("a failed pod is deleted to be recreated", shape(2, false, 0), pods("0:failed", "1:ready"),
                        List.of("delete web-0")),
                Arguments.of("ordered: scale-down removes the highest ordinal first", shape(1, false, 0),
                        pods("0:ready", "1:ready", "2:ready"), List.of("delete web-2")),
                Arguments.of("ordered: and waits for it to be gone", shape(1, false, 0),
                        pods("0:ready", "1:ready", "2:terminating"), List.of()),
                Arguments.of("ordered: no scale-down while a kept pod is unready", shape(1, false, 0),
                        pods("0:running", "1:ready"), List.of()),
                Arguments.of("parallel: scale-down removes all at once", shape(1, true, 0),
                        pods("0:ready", "1:ready", "2:ready"), List.of("delete web-2", "delete web-1")),
                Arguments.of("rolling update: highest old ordinal first", shape(3, false, 0),
                        pods("0:ready@old", "1:ready@old", "2:ready@old"), List.of("delete web-2")),
                Arguments.of("rolling update: one at a time", shape(3, false, 0),
                        pods("0:ready@old", "1:ready@old", "2:running"), List.of()),
                Arguments.of("rolling update: continues down once the updated pod is Ready", shape(3, false, 0),
                        pods("0:ready@old", "1:ready@old", "2:ready"), List.of("delete web-1")),
                Arguments.of("rolling update: stops at the partition", shape(3, false, 2),
                        pods("0:ready@old", "1:ready@old", "2:ready"), List.of()),
                Arguments.of("OnDelete: old pods stay", shape(3, false, null),
                        pods("0:ready@old", "1:ready@old", "2:ready@old"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesTheNextStep(String name, SetShape shape, Map<Integer, Pod> pods, List<String> expected) {
        List<String> actions = OrdinalPlan.next(shape, pods, "new", NOW).stream().map(a -> switch (a) {
            case OrdinalPlan.Create c -> "create " + c.ordinal();
            case OrdinalPlan.Delete d -> "delete " + d.pod().getMetadata().getName();
        }).toList();

        assertThat(actions).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "ordinal {0} from current revision: {1}")
    @MethodSource("fromCurrent")
    void missingPodsBelowThePartitionComeFromTheCurrentRevision(int ordinal, boolean fromCurrent) {
        assertThat(shape(4, false, 2).createsFromCurrent(ordinal)).isEqualTo(fromCurrent);
    }

    static Stream<Arguments> fromCurrent() {
        return Stream.of(Arguments.of(0, true), Arguments.of(1, true), Arguments.of(2, false), Arguments.of(3, false));
    }
}

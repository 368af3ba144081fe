package io.k8j.controllers.podgc;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GcCandidatesTest {
    private static Pod pod(String name, String created, String node, String phase) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withCreationTimestamp(created)
                .endMetadata().withNewSpec().withNodeName(node).endSpec().withNewStatus().withPhase(phase).endStatus().build();
    }

    private static Pod deleting(Pod pod) {
        return new PodBuilder(pod).editMetadata().withDeletionTimestamp("2026-01-01T00:10:00Z").endMetadata().build();
    }

    private static List<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).toList();
    }

    @Test
    void terminatedPodsBeyondTheThresholdGoEvictedFirstThenOldestThenByName() {
        Pod evicted = new PodBuilder(pod("evicted", "2026-01-01T00:05:00Z", "n1", "Failed")).editStatus()
                .withReason("Evicted").endStatus().build();
        List<Pod> pods = List.of(pod("new", "2026-01-01T00:04:00Z", "n1", "Succeeded"),
                pod("b-old", "2026-01-01T00:01:00Z", "n1", "Failed"), pod("a-old", "2026-01-01T00:01:00Z", "n1", "Succeeded"),
                evicted, pod("running", "2026-01-01T00:00:00Z", "n1", "Running"),
                pod("pending", "2026-01-01T00:00:00Z", null, "Pending"));
        assertThat(names(GcCandidates.terminatedOverThreshold(pods, 1))).containsExactly("evicted", "a-old", "b-old");
        assertThat(names(GcCandidates.terminatedOverThreshold(pods, 3))).containsExactly("evicted");
        assertThat(GcCandidates.terminatedOverThreshold(pods, 4)).isEmpty();
        assertThat(GcCandidates.terminatedOverThreshold(pods, 0)).as("0 turns it off").isEmpty();
    }

    @Test
    void podsOnNodesMissingFromTheCacheAreSuspectedAndUnscheduledTerminatingPodsGo() {
        List<Pod> pods = List.of(pod("here", "2026-01-01T00:00:00Z", "n1", "Running"),
                pod("gone", "2026-01-01T00:00:00Z", "n2", "Running"),
                deleting(pod("gone-terminating", "2026-01-01T00:00:00Z", "n3", "Running")),
                deleting(pod("never-scheduled", "2026-01-01T00:00:00Z", null, "Pending")),
                pod("waiting", "2026-01-01T00:00:00Z", null, "Pending"));
        assertThat(GcCandidates.missingNodes(pods, Set.of("n1"))).containsExactly("n2", "n3");
        assertThat(names(GcCandidates.unscheduledTerminating(pods))).containsExactly("never-scheduled");
    }

    @Test
    void terminatingPodsGoFromANotReadyNodeOnlyWhenItIsOutOfService() {
        Node outOfService = node("oos", "False", GcCandidates.OUT_OF_SERVICE);
        Node notReady = node("down", "Unknown", null);
        Node readyTainted = node("ready", "True", GcCandidates.OUT_OF_SERVICE);
        Map<String, Node> nodes = Map.of("oos", outOfService, "down", notReady, "ready", readyTainted);
        List<Pod> pods = List.of(deleting(pod("on-oos", "2026-01-01T00:00:00Z", "oos", "Running")),
                pod("alive-on-oos", "2026-01-01T00:00:00Z", "oos", "Running"),
                deleting(pod("on-down", "2026-01-01T00:00:00Z", "down", "Running")),
                deleting(pod("on-ready", "2026-01-01T00:00:00Z", "ready", "Running")));
        assertThat(names(GcCandidates.terminatingOutOfService(pods, nodes::get))).containsExactly("on-oos");
    }

    private static Node node(String name, String ready, String taint) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus()
                .addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus();
        if (taint != null) {
            b.withNewSpec().addNewTaint().withKey(taint).withValue("nodeshutdown").withEffect("NoExecute").endTaint().endSpec();
        }
        return b.build();
    }
}

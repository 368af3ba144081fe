package io.k8j.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small nodes, daemon pods and node states for the DaemonSet decisions. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2025-01-01T00:10:00Z");
    static final String HASH = "new";

    private Fixtures() {
    }

    static Node node(String name, Map<String, String> labels, Taint... taints) {
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withTaints(List.of(taints)).endSpec().build();
    }

    static Taint taint(String key, String effect) {
        return new TaintBuilder().withKey(key).withEffect(effect).build();
    }

    static PodSpec template() {
        return new PodSpecBuilder().addNewContainer().withName("a").withImage("agent").endContainer().build();
    }

    /** A daemon pod on {@code node} created at second {@code created} of the hour; "Ready" pods are ready since second 0. */
    static Pod pod(String name, String hash, int created, String state) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("ns")
                .withLabels(Map.of("controller-revision-hash", hash))
                .withCreationTimestamp(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(created).toString()).endMetadata()
                .withNewSpec().endSpec().withNewStatus().withPhase(state.equals("Failed") ? "Failed" : "Running").endStatus();
        if (state.equals("Ready")) {
            b.editStatus().addNewCondition().withType("Ready").withStatus("True")
                    .withLastTransitionTime("2025-01-01T00:00:00Z").endCondition().endStatus();
        }
        if (state.equals("Terminating")) {
            b.editMetadata().withDeletionTimestamp(NOW.toString()).endMetadata();
        }
        return b.build();
    }

    static NodeState eligible(String node, Pod... pods) {
        return new NodeState(node, new Placement(true, true), List.of(pods));
    }

    static NodeState state(String node, Placement placement, Pod... pods) {
        return new NodeState(node, placement, List.of(pods));
    }
}

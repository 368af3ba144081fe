package io.k8j.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/** Small pod fixtures: name, created at second {@code created}, optionally scheduled, running, ready since. */
final class Pods {
    private Pods() {
    }

    static Pod pod(String name, int created, String node, String phase, Integer readySince) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("ns")
                .withCreationTimestamp(at(created)).endMetadata()
                .withNewSpec().withNodeName(node).endSpec()
                .withNewStatus().withPhase(phase).endStatus();
        if (readySince != null) {
            b.editStatus().addNewCondition().withType("Ready").withStatus("True")
                    .withLastTransitionTime(at(readySince)).endCondition().endStatus();
        }
        return b.build();
    }

    static String at(int second) {
        return java.time.Instant.parse("2025-01-01T00:00:00Z").plusSeconds(second).toString();
    }
}

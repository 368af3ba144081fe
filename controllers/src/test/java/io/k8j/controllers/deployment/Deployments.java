package io.k8j.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;

import java.util.Map;

/** Small fixtures: a deployment "web" of busybox with an image, and ReplicaSets with a revision. */
final class Deployments {
    private Deployments() {
    }

    static Deployment web(String image, int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("ns").withUid("d-uid")
                .withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(replicas).withProgressDeadlineSeconds(600)
                .withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "web")).endMetadata()
                .withNewSpec().addNewContainer().withName("busybox").withImage(image).endContainer().endSpec()
                .endTemplate()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withNewMaxSurge("25%").withNewMaxUnavailable("25%").endRollingUpdate().endStrategy()
                .endSpec().build();
    }

    static ReplicaSet rs(String name, long revision, int replicas, int statusReplicas) {
        return new ReplicaSetBuilder().withNewMetadata().withName(name)
                .withAnnotations(Map.of(Revisions.REVISION, Long.toString(revision))).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withReplicas(statusReplicas).withAvailableReplicas(statusReplicas)
                .withReadyReplicas(statusReplicas).endStatus().build();
    }
}

package io.k8j.controllers.replicaset;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.k8j.client.OwnerRefs;

import java.util.List;

/** A new pod from a ReplicaSet's template: labels, annotations and spec copied, owned by the ReplicaSet. */
final class PodTemplates {
    private PodTemplates() {
    }

    static Pod podFor(ReplicaSet rs) {
        PodTemplateSpec template = rs.getSpec().getTemplate();
        ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        return new PodBuilder()
                .withNewMetadata().withGenerateName(rs.getMetadata().getName() + "-")
                .withNamespace(rs.getMetadata().getNamespace())
                .withLabels(meta.getLabels()).withAnnotations(meta.getAnnotations())
                .withFinalizers(meta.getFinalizers())
                .withOwnerReferences(List.of(OwnerRefs.controllerRef(rs))).endMetadata()
                .withSpec(template.getSpec()).build();
    }
}

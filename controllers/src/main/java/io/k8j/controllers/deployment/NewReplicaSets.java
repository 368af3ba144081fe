package io.k8j.controllers.deployment;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.k8j.client.OwnerRefs;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ReplicaSet a Deployment's current template needs: named {@code <deployment>-<pod-template-hash>},
 * with the hash added to its selector and template labels so that the pods of different revisions
 * never match each other's selectors.
 */
public final class NewReplicaSets {
    private NewReplicaSets() {
    }

    public static String hash(Deployment d) {
        return TemplateHash.of(d.getSpec().getTemplate(), d.getStatus() == null ? null : d.getStatus().getCollisionCount());
    }

    public static ReplicaSet of(Deployment d, long revision, int replicas) {
        String hash = hash(d);
        PodTemplateSpec template = new PodTemplateSpecBuilder(d.getSpec().getTemplate()).build();
        Map<String, String> labels = new LinkedHashMap<>(template.getMetadata().getLabels());
        labels.put(TemplateHash.LABEL, hash);
        template.getMetadata().setLabels(labels);
        LabelSelector selector = new LabelSelectorBuilder(d.getSpec().getSelector()).build();
        Map<String, String> matchLabels = new LinkedHashMap<>(selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels());
        matchLabels.put(TemplateHash.LABEL, hash);
        selector.setMatchLabels(matchLabels);
        Map<String, String> annotations = new HashMap<>(replicaAnnotations(d));
        annotations.put(Revisions.REVISION, Long.toString(revision));
        String cause = changeCause(d);
        if (cause != null) {
            annotations.put(Revisions.CHANGE_CAUSE, cause);
        }
        return new ReplicaSetBuilder()
                .withNewMetadata().withName(d.getMetadata().getName() + "-" + hash)
                .withNamespace(d.getMetadata().getNamespace()).withLabels(labels).withAnnotations(annotations)
                .withOwnerReferences(List.of(OwnerRefs.controllerRef(d))).endMetadata()
                .withNewSpec().withReplicas(replicas).withMinReadySeconds(d.getSpec().getMinReadySeconds())
                .withSelector(selector).withTemplate(template).endSpec().build();
    }

    /** desired-replicas and max-replicas, which kube keeps on every ReplicaSet it scales. */
    public static Map<String, String> replicaAnnotations(Deployment d) {
        int desired = Fenceposts.replicas(d);
        return Map.of(Revisions.DESIRED, Integer.toString(desired),
                Revisions.MAX, Integer.toString(desired + Fenceposts.of(d).maxSurge()));
    }

    public static String changeCause(Deployment d) {
        Map<String, String> a = d.getMetadata().getAnnotations();
        return a == null ? null : a.get(Revisions.CHANGE_CAUSE);
    }
}

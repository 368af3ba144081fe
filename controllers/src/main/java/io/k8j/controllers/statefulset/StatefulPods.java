package io.k8j.controllers.statefulset;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.k8j.client.OwnerRefs;
import io.k8j.controllers.history.Revisions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A StatefulSet pod's stable identity (kube's stateful_set_utils): name {@code <set>-<ordinal>}, hostname
 * and subdomain, the pod-name and pod-index labels, and a PersistentVolumeClaim {@code <claim>-<set>-<ordinal>}
 * per volumeClaimTemplate mounted in place of the template's volume of that name.
 */
final class StatefulPods {
    static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

    private StatefulPods() {
    }

    /** The ordinal in a pod's name if it is {@code <set>-<n>}, else -1. */
    static int ordinalOf(StatefulSet set, Pod pod) {
        String prefix = set.getMetadata().getName() + "-";
        String name = pod.getMetadata().getName();
        if (!name.startsWith(prefix) || !name.substring(prefix.length()).matches("0|[1-9][0-9]{0,8}")) {
            return -1;
        }
        return Integer.parseInt(name.substring(prefix.length()));
    }

    static String podName(StatefulSet set, int ordinal) {
        return set.getMetadata().getName() + "-" + ordinal;
    }

    static String revisionOf(Pod pod) {
        return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(Revisions.HASH_LABEL);
    }

    static Pod podFor(StatefulSet set, PodTemplateSpec template, String revision, int ordinal) {
        ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        String name = podName(set, ordinal);
        Map<String, String> labels = new LinkedHashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
        labels.put(POD_NAME_LABEL, name);
        labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
        labels.put(Revisions.HASH_LABEL, revision);
        PodSpec spec = new PodSpecBuilder(template.getSpec())
                .withHostname(name).withSubdomain(set.getSpec().getServiceName())
                .withVolumes(volumes(set, template.getSpec(), ordinal)).build();
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(set.getMetadata().getNamespace())
                .withLabels(labels).withAnnotations(meta.getAnnotations()).withFinalizers(meta.getFinalizers())
                .withOwnerReferences(OwnerRefs.controllerRef(set)).endMetadata().withSpec(spec).build();
    }

    /** The claims of one ordinal: the template's labels plus the set's matchLabels; owned by the set when it deletes them. */
    static List<PersistentVolumeClaim> claimsFor(StatefulSet set, int ordinal) {
        List<PersistentVolumeClaim> claims = new ArrayList<>();
        for (PersistentVolumeClaim template : templates(set)) {
            Map<String, String> labels = new LinkedHashMap<>();
            if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
                labels.putAll(template.getMetadata().getLabels());
            }
            if (set.getSpec().getSelector() != null && set.getSpec().getSelector().getMatchLabels() != null) {
                labels.putAll(set.getSpec().getSelector().getMatchLabels());
            }
            PersistentVolumeClaimBuilder b = new PersistentVolumeClaimBuilder().withNewMetadata()
                    .withName(claimName(template, set, ordinal)).withNamespace(set.getMetadata().getNamespace())
                    .withLabels(labels).withAnnotations(template.getMetadata().getAnnotations()).endMetadata()
                    .withSpec(template.getSpec());
            if (RetentionPolicy.deletesWithSet(set)) {
                b.editMetadata().withOwnerReferences(plainRef(OwnerRefs.controllerRef(set))).endMetadata();
            }
            claims.add(b.build());
        }
        return claims;
    }

    static String claimName(PersistentVolumeClaim template, StatefulSet set, int ordinal) {
        return template.getMetadata().getName() + "-" + podName(set, ordinal);
    }

    /** An ownerReference that lets the garbage collector delete the dependent, without claiming control of it. */
    static OwnerReference plainRef(OwnerReference ref) {
        return new OwnerReferenceBuilder(ref).withController(null).build();
    }

    private static List<Volume> volumes(StatefulSet set, PodSpec spec, int ordinal) {
        List<PersistentVolumeClaim> templates = templates(set);
        List<Volume> volumes = new ArrayList<>();
        for (PersistentVolumeClaim t : templates) {
            volumes.add(new VolumeBuilder().withName(t.getMetadata().getName()).withNewPersistentVolumeClaim()
                    .withClaimName(claimName(t, set, ordinal)).endPersistentVolumeClaim().build());
        }
        for (Volume v : spec.getVolumes() == null ? List.<Volume>of() : spec.getVolumes()) {
            if (templates.stream().noneMatch(t -> t.getMetadata().getName().equals(v.getName()))) {
                volumes.add(v);
            }
        }
        return volumes;
    }

    private static List<PersistentVolumeClaim> templates(StatefulSet set) {
        return set.getSpec().getVolumeClaimTemplates() == null ? List.of() : set.getSpec().getVolumeClaimTemplates();
    }
}

package io.k8j.controllers.statefulset;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.k8j.client.EventRecorder;
import io.k8j.client.OwnerRefs;

import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates and deletes a StatefulSet's pods with kube's Events. Claims are created before their pod (an
 * existing claim is kept as it is); on scale-down with whenScaled=Delete the condemned pod becomes an owner
 * of its claims, so the garbage collector removes them once the pod is gone.
 */
final class StatefulPodWriter {
    private final KubernetesClient client;
    private final EventRecorder events;

    StatefulPodWriter(KubernetesClient client, EventRecorder events) {
        this.client = client;
        this.events = events;
    }

    void create(StatefulSet set, PodTemplateSpec template, String revision, int ordinal) {
        String setName = set.getMetadata().getName();
        for (PersistentVolumeClaim claim : StatefulPods.claimsFor(set, ordinal)) {
            String what = "create Claim " + claim.getMetadata().getName() + " Pod " + StatefulPods.podName(set, ordinal)
                    + " in StatefulSet " + setName;
            try {
                client.resource(claim).create();
                events.record(set, "Normal", "SuccessfulCreate", what + " success");
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    events.record(set, "Warning", "FailedCreate", what + " failed error: " + e.getMessage());
                    throw e;
                }
            }
        }
        Pod pod = StatefulPods.podFor(set, template, revision, ordinal);
        String what = "create Pod " + pod.getMetadata().getName() + " in StatefulSet " + setName;
        try {
            client.resource(pod).create();
            events.record(set, "Normal", "SuccessfulCreate", what + " successful");
        } catch (KubernetesClientException e) {
            events.record(set, "Warning", "FailedCreate", what + " failed error: " + e.getMessage());
            throw e;
        }
    }

    void delete(StatefulSet set, Pod pod, boolean condemned) {
        if (condemned && RetentionPolicy.deletesOnScaleDown(set)) {
            handClaimsTo(set, pod);
        }
        String what = "delete Pod " + pod.getMetadata().getName() + " in StatefulSet " + set.getMetadata().getName();
        try {
            client.resource(pod).delete();
            events.record(set, "Normal", "SuccessfulDelete", what + " successful");
        } catch (KubernetesClientException e) {
            events.record(set, "Warning", "FailedDelete", what + " failed error: " + e.getMessage());
            throw e;
        }
    }

    private void handClaimsTo(StatefulSet set, Pod pod) {
        OwnerReference podRef = StatefulPods.plainRef(OwnerRefs.controllerRef(pod));
        int ordinal = StatefulPods.ordinalOf(set, pod);
        for (PersistentVolumeClaim wanted : StatefulPods.claimsFor(set, ordinal)) {
            var claim = client.persistentVolumeClaims().inNamespace(set.getMetadata().getNamespace())
                    .withName(wanted.getMetadata().getName());
            PersistentVolumeClaim existing = claim.get();
            if (existing == null) {
                continue;
            }
            List<OwnerReference> refs = new ArrayList<>(existing.getMetadata().getOwnerReferences() == null
                    ? List.of() : existing.getMetadata().getOwnerReferences());
            if (refs.stream().noneMatch(r -> r.getUid().equals(podRef.getUid()))) {
                refs.add(podRef);
                existing.getMetadata().setOwnerReferences(refs);
                client.resource(existing).update();
            }
        }
    }
}

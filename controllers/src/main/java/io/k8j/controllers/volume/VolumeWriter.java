package io.k8j.controllers.volume;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The binder's writes, as JSON merge patches carrying the resourceVersion the decision was made on: a
 * patch against a changed object fails with 409 and the key is retried on fresh caches.
 */
final class VolumeWriter {
    static final String BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";
    static final String BIND_COMPLETED = "pv.kubernetes.io/bind-completed";

    private final KubernetesClient client;

    VolumeWriter(KubernetesClient client) {
        this.client = client;
    }

    /** Points the volume at the claim (claimRef with uid) and marks it Bound. */
    void bindVolume(PersistentVolume pv, PersistentVolumeClaim claim) {
        var m = claim.getMetadata();
        Map<String, Object> claimRef = new LinkedHashMap<>();
        claimRef.put("kind", "PersistentVolumeClaim");
        claimRef.put("namespace", m.getNamespace());
        claimRef.put("name", m.getName());
        claimRef.put("uid", m.getUid());
        claimRef.put("apiVersion", "v1");
        claimRef.put("resourceVersion", m.getResourceVersion());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("resourceVersion", pv.getMetadata().getResourceVersion());
        metadata.put("annotations", Map.of(BOUND_BY_CONTROLLER, "yes"));
        patch(pv, Map.of("metadata", metadata, "spec", Map.of("claimRef", claimRef)), false);
        volumePhase(pv, "Bound");
    }

    /** Points the claim at the volume and reports it Bound with the volume's capacity and modes. */
    void bindClaim(PersistentVolumeClaim claim, PersistentVolume pv) {
        var volumes = client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace())
                .withName(claim.getMetadata().getName());
        if (!pv.getMetadata().getName().equals(claim.getSpec().getVolumeName())) {
            volumes.patch(PatchContext.of(PatchType.JSON_MERGE), json(Map.of(
                    "metadata", Map.of("resourceVersion", claim.getMetadata().getResourceVersion(),
                            "annotations", Map.of(BOUND_BY_CONTROLLER, "yes", BIND_COMPLETED, "yes")),
                    "spec", Map.of("volumeName", pv.getMetadata().getName()))));
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", "Bound");
        status.put("accessModes", pv.getSpec().getAccessModes());
        status.put("capacity", pv.getSpec().getCapacity());
        volumes.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), json(Map.of("status", status)));
    }

    void claimPhase(PersistentVolumeClaim claim, String phase) {
        client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace()).withName(claim.getMetadata().getName())
                .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), json(Map.of("status", Map.of("phase", phase))));
    }

    void volumePhase(PersistentVolume pv, String phase) {
        patch(pv, Map.of("status", Map.of("phase", phase)), true);
    }

    void annotateClaim(PersistentVolumeClaim claim, Map<String, String> annotations) {
        client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace()).withName(claim.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), json(Map.of("metadata", Map.of("annotations", annotations))));
    }

    void deleteVolume(PersistentVolume pv) {
        client.persistentVolumes().withName(pv.getMetadata().getName()).delete();
    }

    private void patch(PersistentVolume pv, Map<String, Object> body, boolean status) {
        var resource = client.persistentVolumes().withName(pv.getMetadata().getName());
        (status ? resource.subresource("status") : resource).patch(PatchContext.of(PatchType.JSON_MERGE), json(body));
    }

    private String json(Object body) {
        return client.getKubernetesSerialization().asJson(body);
    }
}

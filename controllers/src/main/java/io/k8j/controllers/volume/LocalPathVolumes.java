package io.k8j.controllers.volume;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;

import java.nio.file.Path;
import java.util.Map;

/**
 * The volume k3s's local-path provisioner makes for a claim, pure: a hostPath directory
 * {@code ROOT/pvc-UID} (created by the kubelet when it mounts it), reachable only on the selected node,
 * pre-bound to the claim so that the binder completes the binding.
 */
final class LocalPathVolumes {
    static final String PROVISIONER = "rancher.io/local-path";
    static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

    private LocalPathVolumes() {
    }

    /** Kube's name for a provisioned volume: "pvc-" and the claim's uid. */
    static String volumeName(PersistentVolumeClaim claim) {
        return "pvc-" + claim.getMetadata().getUid();
    }

    static PersistentVolume volumeFor(PersistentVolumeClaim claim, StorageClass sc, String hostname, Path root) {
        var m = claim.getMetadata();
        Quantity size = claim.getSpec().getResources().getRequests().get("storage");
        String reclaim = sc.getReclaimPolicy() == null ? "Delete" : sc.getReclaimPolicy();
        return new PersistentVolumeBuilder()
                .withNewMetadata().withName(volumeName(claim))
                .withAnnotations(Map.of(VolumeBinder.PROVISIONED_BY, PROVISIONER)).endMetadata()
                .withNewSpec()
                .withCapacity(Map.of("storage", size))
                .withAccessModes(claim.getSpec().getAccessModes())
                .withPersistentVolumeReclaimPolicy(reclaim)
                .withStorageClassName(sc.getMetadata().getName())
                .withVolumeMode("Filesystem")
                .withNewClaimRef().withKind("PersistentVolumeClaim").withApiVersion("v1").withNamespace(m.getNamespace())
                .withName(m.getName()).withUid(m.getUid()).withResourceVersion(m.getResourceVersion()).endClaimRef()
                .withNewHostPath().withPath(root.resolve(volumeName(claim)).toString()).withType("DirectoryOrCreate").endHostPath()
                .withNewNodeAffinity().withNewRequired().addNewNodeSelectorTerm().addNewMatchExpression()
                .withKey(HOSTNAME_LABEL).withOperator("In").withValues(hostname).endMatchExpression()
                .endNodeSelectorTerm().endRequired().endNodeAffinity()
                .endSpec().build();
    }
}

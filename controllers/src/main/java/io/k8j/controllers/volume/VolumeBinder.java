package io.k8j.controllers.volume;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.EventRecorder;
import io.k8j.client.Keys;
import io.k8j.client.VolumeClaims;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One level-triggered pass of kube's persistentvolume controller over a key: "namespace/name" is a
 * claim (bind it to the best volume, or leave it Pending for a provisioner or its first consumer),
 * "name" a volume (Available, Bound, or Released once its claim is gone, then reclaimed per policy).
 */
final class VolumeBinder {
    static final String STORAGE_PROVISIONER = "volume.kubernetes.io/storage-provisioner";
    static final String BETA_STORAGE_PROVISIONER = "volume.beta.kubernetes.io/storage-provisioner";
    static final String PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";
    static final String WAIT_FOR_FIRST_CONSUMER = "WaitForFirstConsumer";

    private final Indexer<PersistentVolumeClaim> claims;
    private final Indexer<PersistentVolume> volumes;
    private final Indexer<StorageClass> classes;
    private final Indexer<Node> nodes;
    private final VolumeWriter writer;
    private final EventRecorder events;

    VolumeBinder(Indexer<PersistentVolumeClaim> claims, Indexer<PersistentVolume> volumes, Indexer<StorageClass> classes,
                 Indexer<Node> nodes, VolumeWriter writer, EventRecorder events) {
        this.claims = claims;
        this.volumes = volumes;
        this.classes = classes;
        this.nodes = nodes;
        this.writer = writer;
        this.events = events;
    }

    Duration reconcile(String key) {
        if (key.contains("/")) {
            PersistentVolumeClaim claim = claims.getByKey(key);
            if (claim != null && claim.getMetadata().getDeletionTimestamp() == null) {
                syncClaim(claim);
            }
        } else {
            PersistentVolume pv = volumes.getByKey(key);
            if (pv != null && pv.getMetadata().getDeletionTimestamp() == null) {
                syncVolume(pv);
            }
        }
        return null;
    }

    private void syncClaim(PersistentVolumeClaim claim) {
        String volumeName = claim.getSpec().getVolumeName();
        PersistentVolume bound = volumeName == null || volumeName.isEmpty() ? null : volumes.getByKey(volumeName);
        if (bound != null && VolumeClaims.claimRefersTo(bound, claim) && bound.getSpec().getClaimRef().getUid() != null) {
            if (!"Bound".equals(phase(claim))) {
                writer.bindClaim(claim, bound);
            }
            return;
        }
        if (bound == null && volumeName != null && !volumeName.isEmpty() && "Bound".equals(phase(claim))) {
            writer.claimPhase(claim, "Lost"); // kube: the volume it was bound to is gone
            events.record(claim, "Warning", "ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!");
            return;
        }
        StorageClass sc = classes.getByKey(VolumeClaims.className(claim));
        String selectedNode = annotation(claim, VolumeClaims.SELECTED_NODE);
        boolean delayed = sc != null && WAIT_FOR_FIRST_CONSUMER.equals(sc.getVolumeBindingMode());
        if (delayed && selectedNode == null) {
            events.record(claim, "Normal", "WaitForFirstConsumer", "waiting for first consumer to be created before binding");
            return;
        }
        Map<String, String> nodeLabels = nodeLabels(selectedNode);
        Optional<PersistentVolume> match = VolumeClaims.bestMatch(claim, volumes.list(),
                pv -> !delayed || VolumeClaims.allowsNode(pv, nodeLabels));
        if (match.isPresent()) {
            writer.bindVolume(match.get(), claim);
            writer.bindClaim(claim, match.get());
            events.record(claim, "Normal", "Bound", "Successfully bound to volume " + match.get().getMetadata().getName());
        } else if (sc != null && !sc.getProvisioner().equals("kubernetes.io/no-provisioner")) {
            if (!sc.getProvisioner().equals(annotation(claim, STORAGE_PROVISIONER))) {
                writer.annotateClaim(claim, Map.of(STORAGE_PROVISIONER, sc.getProvisioner(), BETA_STORAGE_PROVISIONER, sc.getProvisioner()));
            }
            events.record(claim, "Normal", "ExternalProvisioning", "Waiting for a volume to be created either by the external provisioner '"
                    + sc.getProvisioner() + "' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.");
        } else {
            events.record(claim, "Normal", "FailedBinding", sc == null && VolumeClaims.className(claim).isEmpty()
                    ? "no persistent volumes available for this claim and no storage class is set"
                    : "no persistent volumes available for this claim");
        }
    }

    private void syncVolume(PersistentVolume pv) {
        var ref = pv.getSpec().getClaimRef();
        if (ref == null) {
            setPhase(pv, "Available");
            return;
        }
        PersistentVolumeClaim claim = claims.getByKey(Keys.of(ref.getNamespace(), ref.getName()));
        boolean claimGone = claim == null || (ref.getUid() != null && !ref.getUid().equals(claim.getMetadata().getUid()));
        if (!claimGone) {
            // Pre-bound by a provisioner or a user: the claim side completes the binding.
            if (ref.getUid() != null && pv.getMetadata().getName().equals(claim.getSpec().getVolumeName())) {
                setPhase(pv, "Bound");
            }
            return;
        }
        if (ref.getUid() == null) {
            return; // pre-bound to a claim that does not exist yet
        }
        if (!"Released".equals(phase(pv)) && !"Failed".equals(phase(pv))) {
            writer.volumePhase(pv, "Released");
            return;
        }
        if ("Delete".equals(pv.getSpec().getPersistentVolumeReclaimPolicy()) && annotation(pv, PROVISIONED_BY) == null) {
            writer.deleteVolume(pv); // a provisioned volume is its provisioner's to delete
        }
    }

    private void setPhase(PersistentVolume pv, String phase) {
        if (!phase.equals(phase(pv))) {
            writer.volumePhase(pv, phase);
        }
    }

    private Map<String, String> nodeLabels(String nodeName) {
        Node node = nodeName == null ? null : nodes.getByKey(nodeName);
        if (node == null || node.getMetadata().getLabels() == null) {
            return nodeName == null ? Map.of() : Map.of("kubernetes.io/hostname", nodeName);
        }
        return node.getMetadata().getLabels();
    }

    private static String phase(PersistentVolumeClaim claim) {
        return claim.getStatus() == null ? null : claim.getStatus().getPhase();
    }

    private static String phase(PersistentVolume pv) {
        return pv.getStatus() == null ? null : pv.getStatus().getPhase();
    }

    static String annotation(io.fabric8.kubernetes.api.model.HasMetadata obj, String key) {
        Map<String, String> a = obj.getMetadata().getAnnotations();
        return a == null ? null : a.get(key);
    }
}

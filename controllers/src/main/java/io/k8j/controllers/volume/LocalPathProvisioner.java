package io.k8j.controllers.volume;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.EventRecorder;
import io.k8j.client.SharedInformers;
import io.k8j.client.VolumeClaims;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * k3s's local-path provisioner as a loop of the controller manager: a claim of a class provisioned by
 * rancher.io/local-path that the binder handed over (storage-provisioner annotation) and the scheduler
 * placed (selected-node annotation) gets a hostPath volume under the storage root on that node; a
 * provisioned volume released under the Delete policy loses its directory, then its object.
 */
public final class LocalPathProvisioner implements Controller {
    private final KubernetesClient client;
    private final SharedInformers informers;
    private final Path root;
    private final Clock clock = Clock.systemUTC();
    private final WorkQueue queue = new WorkQueue();
    private ControllerLoop loop;
    private Indexer<PersistentVolumeClaim> claims;
    private Indexer<PersistentVolume> volumes;
    private Indexer<StorageClass> classes;
    private Indexer<Node> nodes;
    private EventRecorder events;

    /** @param root where volumes live on every node ({@code DATA_DIR/storage}, k3s's default-local-storage-path) */
    public LocalPathProvisioner(KubernetesClient client, SharedInformers informers, Path root) {
        this.client = client;
        this.informers = informers;
        this.root = root.toAbsolutePath();
    }

    @Override
    public void start() {
        var claimInformer = informers.of(PersistentVolumeClaim.class);
        var volumeInformer = informers.of(PersistentVolume.class);
        claimInformer.addEventHandler(VolumeEvents.claims(queue));
        volumeInformer.addEventHandler(VolumeEvents.volumes(queue));
        claims = claimInformer.getIndexer();
        volumes = volumeInformer.getIndexer();
        classes = informers.of(StorageClass.class).getIndexer();
        nodes = informers.of(Node.class).getIndexer();
        events = new EventRecorder(client, LocalPathVolumes.PROVISIONER, clock);
        loop = new ControllerLoop("local-path-provisioner", queue, this::reconcile, 1);
        informers.start(StorageClass.class, Node.class, PersistentVolume.class, PersistentVolumeClaim.class);
        loop.start();
    }

    Duration reconcile(String key) {
        if (key.contains("/")) {
            PersistentVolumeClaim claim = claims.getByKey(key);
            if (claim != null && wantsVolume(claim)) {
                provision(claim);
            }
        } else {
            PersistentVolume pv = volumes.getByKey(key);
            if (pv != null && isReleasedForDeletion(pv)) {
                LocalPathDirectories.remove(root, pv);
                client.persistentVolumes().withName(key).delete();
            }
        }
        return null;
    }

    private boolean wantsVolume(PersistentVolumeClaim claim) {
        return claim.getMetadata().getDeletionTimestamp() == null
                && LocalPathVolumes.PROVISIONER.equals(VolumeBinder.annotation(claim, VolumeBinder.STORAGE_PROVISIONER))
                && (claim.getSpec().getVolumeName() == null || claim.getSpec().getVolumeName().isEmpty())
                && volumes.getByKey(LocalPathVolumes.volumeName(claim)) == null;
    }

    private void provision(PersistentVolumeClaim claim) {
        StorageClass sc = classes.getByKey(VolumeClaims.className(claim));
        if (sc == null || !LocalPathVolumes.PROVISIONER.equals(sc.getProvisioner())) {
            return;
        }
        String nodeName = VolumeBinder.annotation(claim, VolumeClaims.SELECTED_NODE);
        if (nodeName == null) {
            events.record(claim, "Warning", "ProvisioningFailed", "failed to provision volume with StorageClass \""
                    + sc.getMetadata().getName() + "\": configuration error, no node was specified");
            return;
        }
        Node node = nodes.getByKey(nodeName);
        String hostname = node == null || node.getMetadata().getLabels() == null ? nodeName
                : node.getMetadata().getLabels().getOrDefault(LocalPathVolumes.HOSTNAME_LABEL, nodeName);
        PersistentVolume pv = LocalPathVolumes.volumeFor(claim, sc, hostname, root);
        try {
            client.persistentVolumes().resource(pv).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
        events.record(claim, "Normal", "ProvisioningSucceeded", "Successfully provisioned volume " + pv.getMetadata().getName());
    }

    private static boolean isReleasedForDeletion(PersistentVolume pv) {
        return LocalPathVolumes.PROVISIONER.equals(VolumeBinder.annotation(pv, VolumeBinder.PROVISIONED_BY))
                && pv.getMetadata().getDeletionTimestamp() == null
                && "Delete".equals(pv.getSpec().getPersistentVolumeReclaimPolicy())
                && pv.getStatus() != null && "Released".equals(pv.getStatus().getPhase());
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}

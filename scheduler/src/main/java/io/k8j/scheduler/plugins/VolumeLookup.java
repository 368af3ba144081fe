package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;

import java.util.Collection;

/** What VolumeBinding reads and writes of claims, volumes and classes: informer caches and the API, or a test's maps. */
public interface VolumeLookup {
    /** Null when absent. */
    PersistentVolumeClaim claim(String namespace, String name);

    /** Null when absent. */
    PersistentVolume volume(String name);

    /** Null when absent. */
    StorageClass storageClass(String name);

    Collection<PersistentVolume> volumes();

    /** Writes volume.kubernetes.io/selected-node on the claim. */
    void selectNode(PersistentVolumeClaim claim, String node);
}

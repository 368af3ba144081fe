package io.k8j.scheduler;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k8j.client.Keys;
import io.k8j.client.VolumeClaims;
import io.k8j.scheduler.plugins.VolumeBinding;
import io.k8j.scheduler.plugins.VolumeLookup;
import io.k8j.scheduler.queue.SchedulingQueue;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Informers on claims, volumes and storage classes for VolumeBinding; any change moves the pods that
 * VolumeBinding rejected back into the queue, as kube's PVC/PV/StorageClass cluster events do.
 */
final class VolumeListers implements VolumeLookup, AutoCloseable {
    private final KubernetesClient client;
    private final SharedIndexInformer<PersistentVolumeClaim> claims;
    private final SharedIndexInformer<PersistentVolume> volumes;
    private final SharedIndexInformer<StorageClass> classes;

    VolumeListers(KubernetesClient client, SchedulingQueue queue) {
        this.client = client;
        ResourceEventHandler<Object> retry = new ResourceEventHandler<>() {
            @Override
            public void onAdd(Object obj) {
                queue.moveAllToActiveOrBackoff(q -> q.unschedulablePlugins().contains(VolumeBinding.NAME));
            }

            @Override
            public void onUpdate(Object old, Object obj) {
                onAdd(obj);
            }

            @Override
            public void onDelete(Object obj, boolean finalStateUnknown) {
                onAdd(obj);
            }
        };
        claims = client.persistentVolumeClaims().inAnyNamespace().inform(handler(retry));
        volumes = client.persistentVolumes().inform(handler(retry));
        classes = client.storage().v1().storageClasses().inform(handler(retry));
    }

    @SuppressWarnings("unchecked")
    private static <T> ResourceEventHandler<T> handler(ResourceEventHandler<Object> h) {
        return (ResourceEventHandler<T>) (ResourceEventHandler<?>) h;
    }

    @Override
    public PersistentVolumeClaim claim(String namespace, String name) {
        return claims.getStore().getByKey(Keys.of(namespace, name));
    }

    @Override
    public PersistentVolume volume(String name) {
        return volumes.getStore().getByKey(name);
    }

    @Override
    public StorageClass storageClass(String name) {
        return classes.getStore().getByKey(name);
    }

    @Override
    public Collection<PersistentVolume> volumes() {
        return List.copyOf(volumes.getStore().list());
    }

    @Override
    public void selectNode(PersistentVolumeClaim claim, String node) {
        client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace()).withName(claim.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(
                        Map.of("metadata", Map.of("annotations", Map.of(VolumeClaims.SELECTED_NODE, node)))));
    }

    @Override
    public void close() {
        claims.close();
        volumes.close();
        classes.close();
    }
}

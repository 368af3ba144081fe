package io.k8j.controllers.volume;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.k8j.client.Keys;
import io.k8j.client.WorkQueue;

import java.util.function.Consumer;

/**
 * Handlers that enqueue both sides of a binding: a claim's key ("namespace/name") and its volume's
 * ("name"), or a volume's and its claim's, so that a change on either side re-syncs the other.
 */
final class VolumeEvents {
    private VolumeEvents() {
    }

    static ResourceEventHandler<PersistentVolumeClaim> claims(WorkQueue queue) {
        return handler(claim -> {
            queue.add(Keys.of(claim));
            String volume = claim.getSpec().getVolumeName();
            if (volume != null && !volume.isEmpty()) {
                queue.add(volume);
            }
        });
    }

    static ResourceEventHandler<PersistentVolume> volumes(WorkQueue queue) {
        return handler(pv -> {
            queue.add(pv.getMetadata().getName());
            var ref = pv.getSpec().getClaimRef();
            if (ref != null && ref.getNamespace() != null) {
                queue.add(Keys.of(ref.getNamespace(), ref.getName()));
            }
        });
    }

    private static <T> ResourceEventHandler<T> handler(Consumer<T> enqueue) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                enqueue.accept(obj);
            }

            @Override
            public void onUpdate(T old, T obj) {
                enqueue.accept(obj);
            }

            @Override
            public void onDelete(T obj, boolean finalStateUnknown) {
                enqueue.accept(obj);
            }
        };
    }
}

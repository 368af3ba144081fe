package io.k8j.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/** The event handler of a level-triggered loop: every add, update and delete queues the object's key. */
public final class EnqueueByKey<T extends HasMetadata> implements ResourceEventHandler<T> {
    private final WorkQueue queue;

    public EnqueueByKey(WorkQueue queue) {
        this.queue = queue;
    }

    @Override
    public void onAdd(T obj) {
        queue.add(Keys.of(obj));
    }

    @Override
    public void onUpdate(T oldObj, T obj) {
        queue.add(Keys.of(obj));
    }

    @Override
    public void onDelete(T obj, boolean finalStateUnknown) {
        queue.add(Keys.of(obj));
    }
}

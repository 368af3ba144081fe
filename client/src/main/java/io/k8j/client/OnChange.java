package io.k8j.client;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

import java.util.function.Consumer;

/**
 * An event handler that passes every object it hears of to one consumer: added, deleted, and on update
 * both the old and the new version (a changed owner or label may concern two keys).
 */
public final class OnChange<T> implements ResourceEventHandler<T> {
    private final Consumer<T> changed;

    public OnChange(Consumer<T> changed) {
        this.changed = changed;
    }

    @Override
    public void onAdd(T obj) {
        changed.accept(obj);
    }

    @Override
    public void onUpdate(T oldObj, T obj) {
        changed.accept(oldObj);
        changed.accept(obj);
    }

    @Override
    public void onDelete(T obj, boolean finalStateUnknown) {
        changed.accept(obj);
    }
}

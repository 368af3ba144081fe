package io.k8j.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.Expectations;
import io.k8j.client.Keys;
import io.k8j.client.LabelSelectors;
import io.k8j.client.OwnerRefs;
import io.k8j.client.WorkQueue;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pod events for a workload controller whose pods carry its controller reference: a pod enqueues its
 * owner of {@code kind} and marks that owner's expectations observed (a pod seen deleting counts as
 * deleted, as in kube, so that replacements start early); an orphan (no controller at all) enqueues every
 * owner in its namespace whose selector matches it, which may adopt it. A pod whose owner or labels
 * changed also enqueues its former owners.
 */
public final class OwnedPodEvents<T extends HasMetadata> implements ResourceEventHandler<Pod> {
    private final String kind;
    private final WorkQueue queue;
    private final Expectations expectations;
    private final Indexer<T> owners;
    private final Function<T, LabelSelector> selector;

    public OwnedPodEvents(String kind, WorkQueue queue, Expectations expectations, Indexer<T> owners,
                          Function<T, LabelSelector> selector) {
        this.kind = kind;
        this.queue = queue;
        this.expectations = expectations;
        this.owners = owners;
        this.selector = selector;
    }

    /** The key of the owner of {@code kind} that controls {@code obj}, if one does. */
    public static Optional<String> ownerKey(HasMetadata obj, String kind) {
        return OwnerRefs.controllerOf(obj).filter(r -> kind.equals(r.getKind()))
                .map(r -> Keys.of(obj.getMetadata().getNamespace(), r.getName()));
    }

    @Override
    public void onAdd(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() == null) {
            ownerKey(pod, kind).ifPresent(expectations::creationObserved);
        }
        changed(pod, false);
    }

    @Override
    public void onUpdate(Pod old, Pod pod) {
        if (!ownerKey(old, kind).equals(ownerKey(pod, kind))
                || !Objects.equals(old.getMetadata().getLabels(), pod.getMetadata().getLabels())) {
            changed(old, false);
        }
        changed(pod, false);
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
        changed(pod, true);
    }

    private void changed(Pod pod, boolean deleted) {
        Optional<String> owner = ownerKey(pod, kind);
        if (owner.isEmpty()) {
            if (OwnerRefs.controllerOf(pod).isPresent()) {
                return;
            }
            owners.byIndex("namespace", pod.getMetadata().getNamespace()).stream()
                    .filter(o -> LabelSelectors.matches(selector.apply(o), pod.getMetadata().getLabels()))
                    .forEach(o -> queue.add(Keys.of(o)));
            return;
        }
        if (deleted || pod.getMetadata().getDeletionTimestamp() != null) {
            expectations.deletionObserved(owner.get(), Keys.of(pod));
        }
        queue.add(owner.get());
    }
}

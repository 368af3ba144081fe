package io.k8j.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;

import java.util.ArrayList;
import java.util.List;

/**
 * client-go's ControllerRefManager decision: which candidates an owner keeps, which matching orphans it
 * adopts and which of its own it releases because they no longer match. Candidates controlled by
 * another owner are never touched; an owner that is being deleted adopts nothing.
 */
public record Claims<T extends HasMetadata>(List<T> owned, List<T> adopt, List<T> release) {

    public static <T extends HasMetadata> Claims<T> of(HasMetadata owner, LabelSelector selector, List<T> candidates) {
        List<T> owned = new ArrayList<>();
        List<T> adopt = new ArrayList<>();
        List<T> release = new ArrayList<>();
        boolean ownerDeleting = owner.getMetadata().getDeletionTimestamp() != null;
        for (T c : candidates) {
            boolean matches = LabelSelectors.matches(selector, c.getMetadata().getLabels());
            if (OwnerRefs.isControlledBy(c, owner)) {
                (matches ? owned : release).add(c);
            } else if (OwnerRefs.controllerOf(c).isEmpty() && matches && !ownerDeleting
                    && c.getMetadata().getDeletionTimestamp() == null) {
                adopt.add(c);
            }
        }
        return new Claims<>(owned, adopt, release);
    }

    /** What the owner controls once adoption is done: kept plus adopted. */
    public List<T> claimed() {
        List<T> all = new ArrayList<>(owned);
        all.addAll(adopt);
        return all;
    }
}

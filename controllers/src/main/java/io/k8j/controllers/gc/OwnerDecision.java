package io.k8j.controllers.gc;

import io.fabric8.kubernetes.api.model.OwnerReference;

import java.util.List;
import java.util.function.Predicate;

/**
 * What to do with an object given which of its owners still exist (kube's attemptToDeleteItem):
 * nothing while all exist, drop the references to the missing ones while some exist, delete it when
 * none does. An object without owners is never collected.
 */
record OwnerDecision(Action action, List<OwnerReference> remaining) {
    enum Action { KEEP, REMOVE_DANGLING, DELETE }

    static OwnerDecision of(List<OwnerReference> refs, Predicate<OwnerReference> ownerExists) {
        if (refs == null || refs.isEmpty()) {
            return new OwnerDecision(Action.KEEP, List.of());
        }
        List<OwnerReference> alive = refs.stream().filter(ownerExists).toList();
        if (alive.size() == refs.size()) {
            return new OwnerDecision(Action.KEEP, refs);
        }
        return new OwnerDecision(alive.isEmpty() ? Action.DELETE : Action.REMOVE_DANGLING, alive);
    }
}

package io.k8j.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

import java.util.List;
import java.util.Optional;

/** ownerReferences as controllers use them: the one controller reference, and making one. */
public final class OwnerRefs {
    private OwnerRefs() {
    }

    /** The reference with controller=true, if any. */
    public static Optional<OwnerReference> controllerOf(HasMetadata obj) {
        List<OwnerReference> refs = obj.getMetadata().getOwnerReferences();
        return refs == null ? Optional.empty()
                : refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
    }

    public static boolean isControlledBy(HasMetadata obj, HasMetadata owner) {
        return controllerOf(obj).map(r -> r.getUid().equals(owner.getMetadata().getUid())).orElse(false);
    }

    /** controller=true, blockOwnerDeletion=true: what workload controllers put on what they make or adopt. */
    public static OwnerReference controllerRef(HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }
}

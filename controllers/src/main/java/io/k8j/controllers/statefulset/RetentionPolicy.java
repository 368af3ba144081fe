package io.k8j.controllers.statefulset;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;

/** persistentVolumeClaimRetentionPolicy: claims are kept (Retain, the default) unless it says Delete. */
final class RetentionPolicy {
    private RetentionPolicy() {
    }

    static boolean deletesWithSet(StatefulSet set) {
        StatefulSetPersistentVolumeClaimRetentionPolicy p = set.getSpec().getPersistentVolumeClaimRetentionPolicy();
        return p != null && "Delete".equals(p.getWhenDeleted());
    }

    static boolean deletesOnScaleDown(StatefulSet set) {
        StatefulSetPersistentVolumeClaimRetentionPolicy p = set.getSpec().getPersistentVolumeClaimRetentionPolicy();
        return p != null && "Delete".equals(p.getWhenScaled());
    }
}

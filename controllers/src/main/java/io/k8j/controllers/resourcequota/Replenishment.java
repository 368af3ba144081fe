package io.k8j.controllers.resourcequota;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.k8j.api.quota.PodUsage;

import java.time.Instant;
import java.util.Objects;

/**
 * Which object changes make a namespace's quotas recount (kube's replenishment controller). Not
 * additions: admission charged those already, and a recount from a cache that has not seen them yet
 * would lower the usage admission just raised. Deletions, and updates that free or move usage, do.
 */
final class Replenishment {
    private Replenishment() {
    }

    static boolean changesUsage(HasMetadata old, HasMetadata now, Instant at) {
        if (old instanceof Pod o && now instanceof Pod n) {
            return PodUsage.counts(o, at) != PodUsage.counts(n, at);
        }
        if (old instanceof Service o && now instanceof Service n) {
            return !Objects.equals(o.getSpec().getType(), n.getSpec().getType())
                    || !Objects.equals(o.getSpec().getPorts(), n.getSpec().getPorts());
        }
        if (old instanceof PersistentVolumeClaim o && now instanceof PersistentVolumeClaim n) {
            return !Objects.equals(o.getSpec().getResources(), n.getSpec().getResources());
        }
        return false;
    }
}

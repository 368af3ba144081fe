package io.k8j.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;

/**
 * maxSurge and maxUnavailable resolved to pod counts (kube's ResolveFenceposts): a percentage of
 * replicas, surge rounded up and unavailable rounded down, and never both zero, or no rollout could move.
 */
public record Fenceposts(int maxSurge, int maxUnavailable) {

    public static Fenceposts of(IntOrString maxSurge, IntOrString maxUnavailable, int replicas) {
        int surge = scaled(maxSurge, replicas, true);
        int unavailable = scaled(maxUnavailable, replicas, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new Fenceposts(surge, unavailable);
    }

    /** A Recreate deployment (or one without rollingUpdate) surges nothing and may lose everything. */
    public static Fenceposts of(Deployment d) {
        int replicas = replicas(d);
        RollingUpdateDeployment rolling = d.getSpec().getStrategy() == null ? null : d.getSpec().getStrategy().getRollingUpdate();
        if (rolling == null || "Recreate".equals(d.getSpec().getStrategy().getType())) {
            return new Fenceposts(0, replicas);
        }
        return of(rolling.getMaxSurge(), rolling.getMaxUnavailable(), replicas);
    }

    public static int replicas(Deployment d) {
        return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    static int scaled(IntOrString value, int total, boolean roundUp) {
        if (value == null) {
            return 0;
        }
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String s = value.getStrVal();
        if (!s.endsWith("%")) {
            return Integer.parseInt(s);
        }
        long percent = Long.parseLong(s.substring(0, s.length() - 1));
        long product = percent * total;
        return (int) (roundUp ? (product + 99) / 100 : product / 100);
    }
}

package io.k8j.controllers.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a rolling update (kube's rolloutRolling), over replica counts only: first grow the new
 * ReplicaSet as far as maxSurge allows; if it cannot grow, shrink old ReplicaSets as far as
 * maxUnavailable allows (unhealthy pods first, then the oldest sets). One kind of move per step: the
 * next step sees its effect through the caches.
 */
public final class RollingStep {
    /** A ReplicaSet's spec.replicas and status.availableReplicas. */
    public record Size(String name, int replicas, int available) {
    }

    private RollingStep() {
    }

    /** New spec.replicas per ReplicaSet name, for those that change; {@code olds} oldest first. */
    public static Map<String, Integer> plan(int desired, Fenceposts f, Size newRs, List<Size> olds) {
        Map<String, Integer> out = new LinkedHashMap<>();
        int target = newReplicas(desired, f, newRs, olds);
        if (target != newRs.replicas) {
            out.put(newRs.name, target);
            return out;
        }
        int oldTotal = olds.stream().mapToInt(Size::replicas).sum();
        if (oldTotal == 0) {
            return out;
        }
        int minAvailable = desired - f.maxUnavailable();
        int newUnavailable = newRs.replicas - newRs.available;
        int maxScaledDown = oldTotal + newRs.replicas - minAvailable - newUnavailable;
        List<Size> current = new ArrayList<>(olds);
        // Unhealthy old pods first: removing them costs no availability.
        for (int i = 0; i < current.size() && maxScaledDown > 0; i++) {
            Size s = current.get(i);
            int cut = Math.min(maxScaledDown, s.replicas - s.available);
            if (cut > 0) {
                current.set(i, new Size(s.name, s.replicas - cut, s.available));
                maxScaledDown -= cut;
            }
        }
        int available = newRs.available + current.stream().mapToInt(s -> Math.min(s.available, s.replicas)).sum();
        int budget = Math.max(0, available - minAvailable);
        for (int i = 0; i < current.size(); i++) {
            Size s = current.get(i);
            int cut = Math.min(budget, s.replicas);
            budget -= cut;
            if (s.replicas - cut != olds.get(i).replicas) {
                out.put(s.name, s.replicas - cut);
            }
        }
        return out;
    }

    /** kube's NewRSNewReplicas for RollingUpdate. */
    static int newReplicas(int desired, Fenceposts f, Size newRs, List<Size> olds) {
        if (newRs.replicas >= desired) {
            return desired;
        }
        int current = newRs.replicas + olds.stream().mapToInt(Size::replicas).sum();
        int maxTotal = desired + f.maxSurge();
        if (current >= maxTotal) {
            return newRs.replicas;
        }
        return newRs.replicas + Math.min(maxTotal - current, desired - newRs.replicas);
    }
}

package io.k8j.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

import java.util.List;
import java.util.Map;

/** Applies one step of the deployment's strategy to its ReplicaSets' sizes. */
final class Rollout {
    private final ReplicaSetWriter writer;

    Rollout(ReplicaSetWriter writer) {
        this.writer = writer;
    }

    void step(Deployment d, ReplicaSet newRs, List<ReplicaSet> olds) {
        int desired = Fenceposts.replicas(d);
        boolean oldsActive = olds.stream().anyMatch(rs -> Revisions.replicas(rs) > 0);
        if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
            // paused: no rollout progress, but scaling a settled deployment still works
            if (!oldsActive && Revisions.replicas(newRs) != desired) {
                writer.scale(d, newRs, desired);
            }
            return;
        }
        if (isRecreate(d)) {
            recreate(d, newRs, olds, desired, oldsActive);
            return;
        }
        Map<String, Integer> plan = RollingStep.plan(desired, Fenceposts.of(d), size(newRs), olds.stream().map(Rollout::size).toList());
        for (ReplicaSet rs : concat(newRs, olds)) {
            Integer to = plan.get(rs.getMetadata().getName());
            if (to != null) {
                writer.scale(d, rs, to);
            }
        }
    }

    /** Recreate: all old pods go first, and only once none is left does the new ReplicaSet grow. */
    private void recreate(Deployment d, ReplicaSet newRs, List<ReplicaSet> olds, int desired, boolean oldsActive) {
        if (oldsActive) {
            olds.stream().filter(rs -> Revisions.replicas(rs) > 0).forEach(rs -> writer.scale(d, rs, 0));
            return;
        }
        boolean oldPodsLeft = olds.stream().anyMatch(rs -> rs.getStatus() != null && rs.getStatus().getReplicas() != null
                && rs.getStatus().getReplicas() > 0);
        if (!oldPodsLeft && Revisions.replicas(newRs) != desired) {
            writer.scale(d, newRs, desired);
        }
    }

    /** The size a new ReplicaSet starts at: what a first rolling step would give it; zero for Recreate. */
    static int initialReplicas(Deployment d, List<ReplicaSet> olds) {
        if (isRecreate(d)) {
            return 0;
        }
        return RollingStep.newReplicas(Fenceposts.replicas(d), Fenceposts.of(d), new RollingStep.Size("", 0, 0),
                olds.stream().map(Rollout::size).toList());
    }

    private static boolean isRecreate(Deployment d) {
        return d.getSpec().getStrategy() != null && "Recreate".equals(d.getSpec().getStrategy().getType());
    }

    static RollingStep.Size size(ReplicaSet rs) {
        Integer available = rs.getStatus() == null ? null : rs.getStatus().getAvailableReplicas();
        return new RollingStep.Size(rs.getMetadata().getName(), Revisions.replicas(rs), available == null ? 0 : available);
    }

    private static List<ReplicaSet> concat(ReplicaSet first, List<ReplicaSet> rest) {
        List<ReplicaSet> all = new java.util.ArrayList<>(rest);
        all.add(0, first);
        return all;
    }
}

package io.k8j.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.controllers.deployment.Fenceposts;
import io.k8j.controllers.replicaset.PodReadiness;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a DaemonSet rolling update (kube's rollingUpdate), over eligible nodes that have pods.
 * Without surge, old pods are deleted while fewer than maxUnavailable nodes lack an available current pod
 * (an old pod that is unavailable anyway goes at once). With surge, a new pod starts beside the old one on
 * up to maxSurge nodes at a time, and the old one goes once the new one is available.
 */
final class RollingUpdate {
    private RollingUpdate() {
    }

    static Plan step(List<NodeState> nodes, String hash, Fenceposts fenceposts, int minReadySeconds, Instant now) {
        return fenceposts.maxSurge() > 0 ? surge(nodes, hash, fenceposts.maxSurge(), minReadySeconds, now)
                : replace(nodes, hash, fenceposts.maxUnavailable(), minReadySeconds, now);
    }

    private static Plan replace(List<NodeState> nodes, String hash, int maxUnavailable, int minReadySeconds, Instant now) {
        int unavailable = 0;
        List<Pod> doomed = new ArrayList<>();
        List<Pod> candidates = new ArrayList<>();
        for (NodeState n : nodes) {
            Versions v = Versions.of(n, hash);
            if (v == null || (v.oldPod == null) == (v.newPod == null)) {
                unavailable++; // duplicates, or nothing yet: placement sorts these out
            } else if (v.newPod != null) {
                unavailable += PodReadiness.isAvailable(v.newPod, minReadySeconds, now) ? 0 : 1;
            } else if (!PodReadiness.isAvailable(v.oldPod, minReadySeconds, now)) {
                doomed.add(v.oldPod);
            } else {
                candidates.add(v.oldPod);
            }
        }
        int budget = Math.max(0, Math.min(maxUnavailable - unavailable, candidates.size()));
        doomed.addAll(candidates.subList(0, budget));
        return new Plan(new ArrayList<>(), doomed);
    }

    private static Plan surge(List<NodeState> nodes, String hash, int maxSurge, int minReadySeconds, Instant now) {
        Plan plan = Plan.empty();
        int surging = 0;
        List<String> candidates = new ArrayList<>();
        for (NodeState n : nodes) {
            Versions v = Versions.of(n, hash);
            if (v == null) {
                surging++;
            } else if (v.oldPod == null) {
                continue; // up to date, or placement creates its pod
            } else if (v.newPod == null) {
                if (PodReadiness.isAvailable(v.oldPod, minReadySeconds, now)) {
                    candidates.add(n.node());
                } else {
                    plan.create().add(n.node());
                }
            } else if (PodReadiness.isAvailable(v.newPod, minReadySeconds, now)) {
                plan.delete().add(v.oldPod);
            } else {
                surging++;
            }
        }
        plan.create().addAll(candidates.subList(0, Math.max(0, Math.min(maxSurge - surging, candidates.size()))));
        return plan;
    }

    /** The node's one current and one old live pod (kube's findUpdatedPodsOnNode); null when it has more. */
    private record Versions(Pod newPod, Pod oldPod) {
        static Versions of(NodeState n, String hash) {
            Pod newPod = null;
            Pod oldPod = null;
            for (Pod p : n.running()) {
                boolean updated = DaemonPods.isUpdated(p, hash);
                if ((updated ? newPod : oldPod) != null) {
                    return null;
                }
                if (updated) {
                    newPod = p;
                } else {
                    oldPod = p;
                }
            }
            return new Versions(newPod, oldPod);
        }
    }
}

package io.k8j.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.controllers.replicaset.PodReadiness;

import java.util.ArrayList;
import java.util.List;

/**
 * Which nodes need a daemon pod and which daemon pods must go (kube's podsShouldBeOnNode): a pod for every
 * eligible node without one, none on nodes that no longer qualify, failed pods replaced, duplicates removed
 * (during a surge rollout one old pod may stand beside the new one until the new one is available).
 */
final class NodePlacement {
    private NodePlacement() {
    }

    /** {@code stranded}: daemon pods aimed at nodes that no longer exist. */
    static Plan plan(List<NodeState> nodes, List<Pod> stranded, String hash, boolean surge) {
        Plan plan = Plan.empty();
        stranded.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).forEach(plan.delete()::add);
        for (NodeState n : nodes) {
            if (n.placement().shouldRun() && n.pods().isEmpty()) {
                plan.create().add(n.node());
            } else if (n.placement().shouldContinueRunning()) {
                n.live().stream().filter(p -> "Failed".equals(phase(p))).forEach(plan.delete()::add);
                plan.delete().addAll(duplicates(n.running(), hash, surge));
            } else {
                plan.delete().addAll(n.live());
            }
        }
        return plan;
    }

    /** All but the oldest; with surge, the oldest new and the oldest old may both stay while the old one is ready. */
    private static List<Pod> duplicates(List<Pod> running, String hash, boolean surge) {
        if (running.size() <= 1) {
            return List.of();
        }
        if (!surge) {
            return running.subList(1, running.size());
        }
        Pod oldestNew = running.stream().filter(p -> DaemonPods.isUpdated(p, hash)).findFirst().orElse(null);
        Pod oldestOld = running.stream().filter(p -> !DaemonPods.isUpdated(p, hash)).findFirst().orElse(null);
        List<Pod> extra = new ArrayList<>(running.stream().filter(p -> p != oldestNew && p != oldestOld).toList());
        if (oldestNew != null && oldestOld != null && !PodReadiness.isReady(oldestOld)) {
            extra.add(oldestOld);
        }
        return extra;
    }

    private static String phase(Pod p) {
        return p.getStatus() == null ? null : p.getStatus().getPhase();
    }
}

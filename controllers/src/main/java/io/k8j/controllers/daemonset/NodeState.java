package io.k8j.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.controllers.replicaset.PodReadiness;

import java.util.Comparator;
import java.util.List;

/** One node as a DaemonSet sees it: whether its pod belongs there, and the daemon pods aimed at it. */
record NodeState(String node, Placement placement, List<Pod> pods) {
    /** Oldest first, as kube keeps the oldest of duplicate daemon pods. */
    static final Comparator<Pod> OLDEST_FIRST = Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp(),
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(p -> p.getMetadata().getName());

    /** Pods not being deleted, oldest first. */
    List<Pod> live() {
        return pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).sorted(OLDEST_FIRST).toList();
    }

    /** Live pods that have not failed, oldest first. */
    List<Pod> running() {
        return live().stream().filter(PodReadiness::isActive).toList();
    }
}

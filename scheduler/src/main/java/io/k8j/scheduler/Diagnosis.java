package io.k8j.scheduler;

import io.k8j.scheduler.framework.Status;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Why no node fit: each rejected node's status, and what PostFilter (preemption) said. Renders kube's
 * FitError message, e.g. "0/3 nodes are available: 1 node(s) had untolerated taint {k: }, 2 Insufficient
 * cpu. preemption: ...".
 */
record Diagnosis(int allNodes, Map<String, Status> nodeStatuses, String preFilterMessage, String postFilterMessage) {

    /** The plugins that rejected some node, so that only events concerning them retry the pod. */
    Set<String> rejectedBy() {
        return nodeStatuses.values().stream().filter(Status::isRejected).map(Status::plugin)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    String message() {
        StringBuilder m = new StringBuilder("0/").append(allNodes).append(" nodes are available");
        if (!preFilterMessage.isEmpty()) {
            m.append(": ").append(preFilterMessage).append('.');
        } else {
            m.append(": ").append(histogram(nodeStatuses)).append('.');
        }
        if (!postFilterMessage.isEmpty()) {
            m.append(' ').append(postFilterMessage);
        }
        return m.toString();
    }

    /** "count reason" per distinct reason, sorted as strings (kube's sortReasonsHistogram). */
    static String histogram(Map<String, Status> statuses) {
        Map<String, Integer> counts = new TreeMap<>();
        statuses.values().forEach(s -> s.reasons().forEach(r -> counts.merge(r, 1, Integer::sum)));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).sorted()
                .collect(Collectors.joining(", "));
    }
}

package io.k8j.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** How a node is doing, as the node lifecycle controller judges it from its heartbeats and Ready condition. */
enum NodeHealth {
    /** Heartbeating, but no Ready condition posted yet: nothing to say. */
    UNREPORTED,
    READY,
    /** The kubelet reports Ready=False. */
    NOT_READY,
    /** The Ready condition is Unknown (set by this controller earlier, or by someone else). */
    UNKNOWN,
    /** No heartbeat within the grace period: the kubelet stopped posting. */
    SILENT;

    /** The node's health at {@code now}, given when its last heartbeat was observed. */
    static NodeHealth of(Node node, Instant lastHeartbeat, Instant now, Duration gracePeriod) {
        if (now.isAfter(lastHeartbeat.plus(gracePeriod))) {
            return SILENT;
        }
        return readyCondition(node).map(c -> switch (c.getStatus()) {
            case "True" -> READY;
            case "False" -> NOT_READY;
            default -> UNKNOWN;
        }).orElse(UNREPORTED);
    }

    /** True when the node should carry the unreachable taints. */
    boolean unreachable() {
        return this == UNKNOWN || this == SILENT;
    }

    static Optional<NodeCondition> readyCondition(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }
}

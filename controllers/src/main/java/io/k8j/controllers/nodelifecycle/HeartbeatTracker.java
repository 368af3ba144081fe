package io.k8j.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each node last showed a sign of life, by this controller's clock (kube's probeTimestamp): the time
 * at which its Lease renewTime or its Ready condition's lastHeartbeatTime was last seen to change. Reading
 * the timestamps themselves would trust the kubelet's clock; observing changes needs only ours.
 */
final class HeartbeatTracker {
    private record Seen(String signature, Instant at) {
    }

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    /** The last observed heartbeat of {@code node}; the first observation counts as one. */
    Instant lastHeartbeat(Node node, Lease lease, Instant now) {
        String signature = NodeHealth.readyCondition(node).map(c -> c.getLastHeartbeatTime()).orElse("") + "|"
                + (lease == null || lease.getSpec() == null ? "" : String.valueOf(lease.getSpec().getRenewTime()));
        return seen.compute(node.getMetadata().getName(),
                (name, old) -> old != null && old.signature.equals(signature) ? old : new Seen(signature, now)).at;
    }

    void forget(String node) {
        seen.remove(node);
    }
}

package io.k8j.kubelet;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.k8j.client.EventSink;

/**
 * The Events the kubelet records about its own Node, as the upstream kubelet does: Starting when it starts,
 * and each condition it reports once it first reports it. The reference carries the node's name as its uid,
 * as the kubelet's nodeRef does (`kubectl describe node` looks for both).
 */
final class NodeEvents {
    private final EventSink sink;
    private final ObjectReference node;
    private boolean conditionsRecorded;

    NodeEvents(EventSink sink, String nodeName) {
        this.sink = sink;
        this.node = new ObjectReferenceBuilder().withKind("Node").withName(nodeName).withUid(nodeName).build();
    }

    void starting() {
        sink.record(node, "Normal", "Starting", "Starting kubelet.");
    }

    /** After a status report: the conditions it set, the first time only (they never change afterwards). */
    void reported() {
        if (conditionsRecorded) {
            return;
        }
        conditionsRecorded = true;
        for (String status : new String[] {"NodeHasSufficientMemory", "NodeHasNoDiskPressure", "NodeHasSufficientPID", "NodeReady"}) {
            sink.record(node, "Normal", status, "Node " + node.getName() + " status is now: " + status);
        }
    }
}

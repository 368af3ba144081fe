package io.k8j.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The conditions of a node whose kubelet stopped posting: kube's node lifecycle controller sets them Unknown. */
final class NodeConditions {
    static final List<String> KUBELET_CONDITIONS = List.of("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");

    private NodeConditions() {
    }

    /**
     * {@code current} with every kubelet condition Unknown; the same list when nothing changes. A condition
     * the kubelet never posted is added, with the node's creation as its heartbeat, as kube does.
     */
    static List<NodeCondition> markUnknown(List<NodeCondition> current, Instant created, Instant now) {
        List<NodeCondition> result = new ArrayList<>(current == null ? List.of() : current);
        String at = now.toString();
        for (String type : KUBELET_CONDITIONS) {
            int i = indexOf(result, type);
            if (i < 0) {
                result.add(new NodeConditionBuilder().withType(type).withStatus("Unknown").withReason("NodeStatusNeverUpdated")
                        .withMessage("Kubelet never posted node status.").withLastHeartbeatTime(created.toString())
                        .withLastTransitionTime(at).build());
            } else if (!"Unknown".equals(result.get(i).getStatus())) {
                result.set(i, new NodeConditionBuilder(result.get(i)).withStatus("Unknown").withReason("NodeStatusUnknown")
                        .withMessage("Kubelet stopped posting node status.").withLastTransitionTime(at).build());
            }
        }
        return result.equals(current) ? current : result;
    }

    private static int indexOf(List<NodeCondition> conditions, String type) {
        for (int i = 0; i < conditions.size(); i++) {
            if (type.equals(conditions.get(i).getType())) {
                return i;
            }
        }
        return -1;
    }
}

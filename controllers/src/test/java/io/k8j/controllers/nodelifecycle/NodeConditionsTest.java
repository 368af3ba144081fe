package io.k8j.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.k8j.controllers.nodelifecycle.Nodes.at;
import static org.assertj.core.api.Assertions.assertThat;

class NodeConditionsTest {
    private static NodeCondition condition(String type, String status) {
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason("Kubelet" + status)
                .withLastHeartbeatTime(at(5).toString()).withLastTransitionTime(at(1).toString()).build();
    }

    @Test
    void postedConditionsGoUnknownKeepingTheirHeartbeat() {
        List<NodeCondition> current = List.of(condition("Ready", "True"), condition("MemoryPressure", "False"),
                condition("DiskPressure", "False"), condition("PIDPressure", "False"), condition("NetworkUnavailable", "False"));
        List<NodeCondition> result = NodeConditions.markUnknown(current, at(0), at(60));
        assertThat(result).extracting(NodeCondition::getType, NodeCondition::getStatus).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Ready", "Unknown"), org.assertj.core.groups.Tuple.tuple("MemoryPressure", "Unknown"),
                org.assertj.core.groups.Tuple.tuple("DiskPressure", "Unknown"), org.assertj.core.groups.Tuple.tuple("PIDPressure", "Unknown"),
                org.assertj.core.groups.Tuple.tuple("NetworkUnavailable", "False"));
        assertThat(result.get(0).getReason()).isEqualTo("NodeStatusUnknown");
        assertThat(result.get(0).getMessage()).isEqualTo("Kubelet stopped posting node status.");
        assertThat(result.get(0).getLastHeartbeatTime()).isEqualTo(at(5).toString());
        assertThat(result.get(0).getLastTransitionTime()).isEqualTo(at(60).toString());
    }

    @Test
    void conditionsNeverPostedAreAddedUnknown() {
        List<NodeCondition> result = NodeConditions.markUnknown(null, at(0), at(60));
        assertThat(result).extracting(NodeCondition::getType).containsExactly("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");
        assertThat(result).allSatisfy(c -> {
            assertThat(c.getStatus()).isEqualTo("Unknown");
            assertThat(c.getReason()).isEqualTo("NodeStatusNeverUpdated");
            assertThat(c.getLastHeartbeatTime()).isEqualTo(at(0).toString());
        });
    }

    @Test
    void alreadyUnknownIsLeftAsItIs() {
        List<NodeCondition> once = NodeConditions.markUnknown(List.of(condition("Ready", "True")), at(0), at(60));
        assertThat(NodeConditions.markUnknown(once, at(0), at(90))).isSameAs(once);
    }
}

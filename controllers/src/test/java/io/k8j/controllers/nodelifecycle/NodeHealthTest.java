package io.k8j.controllers.nodelifecycle;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static io.k8j.controllers.nodelifecycle.Nodes.at;
import static io.k8j.controllers.nodelifecycle.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

class NodeHealthTest {
    @ParameterizedTest(name = "Ready={0}, heartbeat at {1}s, now {2}s -> {3}")
    @CsvSource(nullValues = "-", value = {
            "True,    0, 10, READY",
            "True,    0, 40, READY",       // exactly the grace period: not yet
            "True,    0, 41, SILENT",
            "False,   0, 20, NOT_READY",
            "False,   0, 50, SILENT",
            "Unknown, 0, 20, UNKNOWN",
            "-,       0, 20, UNREPORTED",
            "-,       0, 41, SILENT",
    })
    void healthFollowsTheReadyConditionUntilTheGracePeriodRunsOut(String ready, int heartbeat, int now, NodeHealth expected) {
        assertThat(NodeHealth.of(node(ready, null), at(heartbeat), at(now), Duration.ofSeconds(40))).isEqualTo(expected);
    }
}

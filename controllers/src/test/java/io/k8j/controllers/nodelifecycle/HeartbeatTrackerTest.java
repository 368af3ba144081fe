package io.k8j.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import org.junit.jupiter.api.Test;

import static io.k8j.controllers.nodelifecycle.Nodes.at;
import static io.k8j.controllers.nodelifecycle.Nodes.lease;
import static io.k8j.controllers.nodelifecycle.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatTrackerTest {
    private final HeartbeatTracker tracker = new HeartbeatTracker();

    private record Step(Node node, Lease lease, int now, int expected) {
    }

    @Test
    void aHeartbeatCountsWhenTheLeaseOrTheReadyHeartbeatIsSeenToChange() {
        Step[] steps = {
                new Step(node("True", 0), lease(0), 3, 3),        // first sight counts as a heartbeat
                new Step(node("True", 0), lease(0), 20, 3),       // nothing new
                new Step(node("True", 0), lease(10), 25, 25),     // lease renewed
                new Step(node("True", 30), lease(10), 31, 31),    // status heartbeat
                new Step(node("True", 30), lease(10), 90, 31),    // silence: the kubelet's clock is not trusted either way
                new Step(node("True", 30), null, 91, 91),         // the lease went away: a change all the same
        };
        for (Step s : steps) {
            assertThat(tracker.lastHeartbeat(s.node, s.lease, at(s.now))).as("at %ds", s.now).isEqualTo(at(s.expected));
        }
    }

    @Test
    void aForgottenNodeStartsAfresh() {
        tracker.lastHeartbeat(node("True", 0), lease(0), at(1));
        tracker.forget("n1");
        assertThat(tracker.lastHeartbeat(node("True", 0), lease(0), at(50))).isEqualTo(at(50));
    }
}

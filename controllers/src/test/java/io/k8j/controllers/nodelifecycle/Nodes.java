package io.k8j.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;

import java.time.Instant;
import java.time.ZoneOffset;

/** Small fixtures: times are seconds after T0; a Ready status of null means no Ready condition. */
final class Nodes {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private Nodes() {
    }

    static Instant at(long second) {
        return T0.plusSeconds(second);
    }

    static Node node(String ready, Integer heartbeat) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName("n1").withUid("u1").withCreationTimestamp(at(0).toString())
                .endMetadata().withNewSpec().endSpec().withNewStatus().endStatus();
        if (ready != null) {
            b.editStatus().addNewCondition().withType("Ready").withStatus(ready).withReason("KubeletReady")
                    .withLastHeartbeatTime(heartbeat == null ? null : at(heartbeat).toString()).endCondition().endStatus();
        }
        return b.build();
    }

    static Lease lease(long renewed) {
        return new LeaseBuilder().withNewMetadata().withName("n1").withNamespace("kube-node-lease").endMetadata()
                .withNewSpec().withRenewTime(at(renewed).atZone(ZoneOffset.UTC)).endSpec().build();
    }

    static Taint taint(String key, String effect, Integer added) {
        return new TaintBuilder().withKey(key).withEffect(effect).withTimeAdded(added == null ? null : at(added).toString()).build();
    }

    /** operator Exists; {@code seconds} null tolerates for good. */
    static Toleration tolerate(String key, String effect, Long seconds) {
        return new TolerationBuilder().withKey(key).withOperator("Exists").withEffect(effect).withTolerationSeconds(seconds).build();
    }
}

package io.k8j.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DaemonPodsTest {
    @Test
    void aDaemonPodIsPinnedByAffinityCarriesTheHashAndTheDaemonTolerations() {
        DaemonSet ds = new DaemonSetBuilder().withNewMetadata().withName("agent").withNamespace("ns").withUid("u1").endMetadata()
                .withNewSpec().withNewTemplate().withNewMetadata().withLabels(Map.of("app", "agent")).endMetadata()
                .withSpec(Fixtures.template()).endTemplate().endSpec().build();
        ds.getSpec().getTemplate().getSpec().setNodeSelector(Map.of("disk", "ssd"));

        Pod pod = DaemonPods.podFor(ds, "h1", "n1");

        assertThat(pod.getMetadata().getGenerateName()).isEqualTo("agent-");
        assertThat(pod.getMetadata().getLabels()).containsEntry("app", "agent").containsEntry("controller-revision-hash", "h1");
        assertThat(pod.getSpec().getNodeName()).isNull();
        assertThat(DaemonPods.targetNode(pod)).isEqualTo("n1");
        assertThat(pod.getSpec().getTolerations()).extracting(t -> t.getKey() + ":" + t.getEffect()).containsExactly(
                "node.kubernetes.io/not-ready:NoExecute", "node.kubernetes.io/unreachable:NoExecute",
                "node.kubernetes.io/disk-pressure:NoSchedule", "node.kubernetes.io/memory-pressure:NoSchedule",
                "node.kubernetes.io/pid-pressure:NoSchedule", "node.kubernetes.io/unschedulable:NoSchedule");
        assertThat(DaemonPods.isUpdated(pod, "h1")).isTrue();
        assertThat(ds.getSpec().getTemplate().getSpec().getTolerations()).as("the template is not touched").isNullOrEmpty();
    }
}

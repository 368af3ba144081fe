package io.k8j.controllers.history;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RevisionsTest {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private static PodTemplateSpec template(String image) {
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(Map.of("app", "agent")).endMetadata()
                .withNewSpec().addNewContainer().withName("agent").withImage(image).endContainer()
                .withTerminationGracePeriodSeconds(30L).endSpec().build();
    }

    private static DaemonSet owner() {
        return new DaemonSetBuilder().withNewMetadata().withName("agent").withNamespace("ns").withUid("u1")
                .withAnnotations(Map.of("kubernetes.io/change-cause", "set image")).endMetadata().build();
    }

    /** What an informer hands back: the revision after a trip through the API server as JSON. */
    private static ControllerRevision roundTrip(ControllerRevision r) {
        return JSON.unmarshal(JSON.asJson(r), ControllerRevision.class);
    }

    private static ControllerRevision numbered(String name, long n) {
        return Revisions.build(owner(), template(name), name, n);
    }

    @Test
    void aRevisionIsNamedByHashLabelledAndHoldsATemplateReplacingPatch() {
        ControllerRevision r = roundTrip(Revisions.build(owner(), template("busybox"), "5d8f", 3));

        assertThat(r.getMetadata().getName()).isEqualTo("agent-5d8f");
        assertThat(r.getMetadata().getLabels()).containsEntry("controller-revision-hash", "5d8f").containsEntry("app", "agent");
        assertThat(r.getMetadata().getAnnotations()).containsEntry("kubernetes.io/change-cause", "set image");
        assertThat(r.getMetadata().getOwnerReferences().get(0).getController()).isTrue();
        assertThat(r.getRevision()).isEqualTo(3L);
        assertThat(JSON.asJson(r.getData())).contains("\"$patch\":\"replace\"").startsWith("{\"spec\":{\"template\":");
        assertThat(Revisions.holds(r, template("busybox"))).isTrue();
        assertThat(Revisions.holds(r, template("busybox:1.36"))).isFalse();
        assertThat(Revisions.templateOf(r)).isEqualTo(template("busybox"));
    }

    @Test
    void historyBeyondTheLimitGoesOldestFirstSparingLiveRevisions() {
        List<ControllerRevision> history = List.of(numbered("a", 1), numbered("b", 2), numbered("c", 3), numbered("d", 4));

        assertThat(Revisions.beyondLimit(history, Set.of("agent-a"), 2)).extracting(r -> r.getMetadata().getName())
                .containsExactly("agent-b", "agent-c");
        assertThat(Revisions.beyondLimit(history, Set.of(), 10)).isEmpty();
        assertThat(Revisions.beyondLimit(history, Set.of("agent-a", "agent-b", "agent-c", "agent-d"), 0)).isEmpty();
        assertThat(Revisions.highest(history)).isEqualTo(4);
    }
}

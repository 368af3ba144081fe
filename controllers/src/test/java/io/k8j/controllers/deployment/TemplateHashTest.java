package io.k8j.controllers.deployment;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateHashTest {
    @Test
    void equalTemplatesHashEquallyWhateverTheirMapOrder() {
        PodTemplateSpec a = Deployments.web("busybox", 1).getSpec().getTemplate();
        PodTemplateSpec b = new PodTemplateSpecBuilder(a).build();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("tier", "front");
        labels.put("app", "web");
        a.getMetadata().setLabels(labels);
        Map<String, String> reversed = new LinkedHashMap<>();
        reversed.put("app", "web");
        reversed.put("tier", "front");
        b.getMetadata().setLabels(reversed);
        assertThat(TemplateHash.of(a, null)).isEqualTo(TemplateHash.of(b, null)).matches("[bcdfghjklmnpqrstvwxz2456789]+");
    }

    @Test
    void aChangedImageOrCollisionCountChangesTheHash() {
        PodTemplateSpec t = Deployments.web("busybox", 1).getSpec().getTemplate();
        PodTemplateSpec other = Deployments.web("busybox:1.36", 1).getSpec().getTemplate();
        assertThat(TemplateHash.of(t, null)).isNotEqualTo(TemplateHash.of(other, null)).isNotEqualTo(TemplateHash.of(t, 1));
    }

    @Test
    void theNewReplicaSetIsNamedByHashAndSelectsOnlyItsPods() {
        var d = Deployments.web("busybox", 3);
        ReplicaSet rs = NewReplicaSets.of(d, 2, 1);
        String hash = TemplateHash.of(d.getSpec().getTemplate(), null);
        assertThat(rs.getMetadata().getName()).isEqualTo("web-" + hash);
        assertThat(rs.getSpec().getSelector().getMatchLabels()).containsEntry(TemplateHash.LABEL, hash).containsEntry("app", "web");
        assertThat(rs.getSpec().getTemplate().getMetadata().getLabels()).containsEntry(TemplateHash.LABEL, hash);
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey(TemplateHash.LABEL);
        assertThat(rs.getMetadata().getAnnotations()).containsEntry(Revisions.REVISION, "2")
                .containsEntry(Revisions.DESIRED, "3").containsEntry(Revisions.MAX, "4");
        assertThat(rs.getMetadata().getOwnerReferences().getFirst().getController()).isTrue();
        // what `rollout undo` relies on: the ReplicaSet's template, hash label and all, is still "the same"
        assertThat(TemplateHash.equalIgnoringHash(rs.getSpec().getTemplate(), d.getSpec().getTemplate())).isTrue();
        assertThat(NewReplicaSets.hash(d)).isEqualTo(hash);
    }
}

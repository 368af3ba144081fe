package io.k8j.controllers.statefulset;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatefulPodsTest {
    static StatefulSet set(String whenDeleted) {
        return new StatefulSetBuilder().withNewMetadata().withName("web").withNamespace("ns").withUid("u1").endMetadata()
                .withNewSpec().withServiceName("web-svc").withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector()
                .withNewPersistentVolumeClaimRetentionPolicy().withWhenDeleted(whenDeleted).withWhenScaled("Retain")
                .endPersistentVolumeClaimRetentionPolicy()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "web")).endMetadata().withNewSpec()
                .addNewContainer().withName("web").withImage("nginx").endContainer()
                .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("config").withNewEmptyDir().endEmptyDir().endVolume().endSpec().endTemplate()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").withLabels(Map.of("tier", "db")).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").endSpec().endVolumeClaimTemplate()
                .endSpec().build();
    }

    @Test
    void aPodHasAStableIdentityAndMountsItsOwnClaim() {
        StatefulSet set = set("Retain");

        Pod pod = StatefulPods.podFor(set, set.getSpec().getTemplate(), "web-abc", 2);

        assertThat(pod.getMetadata().getName()).isEqualTo("web-2");
        assertThat(pod.getSpec().getHostname()).isEqualTo("web-2");
        assertThat(pod.getSpec().getSubdomain()).isEqualTo("web-svc");
        assertThat(pod.getMetadata().getLabels()).containsEntry("app", "web")
                .containsEntry("statefulset.kubernetes.io/pod-name", "web-2").containsEntry("apps.kubernetes.io/pod-index", "2")
                .containsEntry("controller-revision-hash", "web-abc");
        assertThat(pod.getSpec().getVolumes()).extracting(v -> v.getName() + "=" + (v.getPersistentVolumeClaim() == null
                ? "emptyDir" : v.getPersistentVolumeClaim().getClaimName())).containsExactly("data=data-web-2", "config=emptyDir");
        assertThat(set.getSpec().getTemplate().getSpec().getHostname()).as("the template is not touched").isNull();
    }

    @Test
    void claimsAreNamedPerOrdinalAndOwnedByTheSetOnlyWhenItDeletesThem() {
        PersistentVolumeClaim kept = StatefulPods.claimsFor(set("Retain"), 0).get(0);
        PersistentVolumeClaim owned = StatefulPods.claimsFor(set("Delete"), 0).get(0);

        assertThat(kept.getMetadata().getName()).isEqualTo("data-web-0");
        assertThat(kept.getMetadata().getLabels()).isEqualTo(Map.of("tier", "db", "app", "web"));
        assertThat(kept.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(owned.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(r -> assertThat(r.getName()).isEqualTo("web")).satisfies(r -> assertThat(r.getController()).isNull());
    }

    @ParameterizedTest
    @CsvSource({"web-0,0", "web-12,12", "web-x,-1", "web-01,-1", "webby-1,-1", "web-,-1", "other-3,-1"})
    void ordinalsComeFromTheName(String name, int ordinal) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).endMetadata().build();
        assertThat(StatefulPods.ordinalOf(set("Retain"), pod)).isEqualTo(ordinal);
    }
}

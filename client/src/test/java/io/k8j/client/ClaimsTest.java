package io.k8j.client;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimsTest {
    private static final LabelSelector APP_WEB = new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web")).build();
    private final ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withName("web").withUid("rs-uid").endMetadata().build();
    private final ReplicaSet other = new ReplicaSetBuilder().withNewMetadata().withName("x").withUid("x-uid").endMetadata().build();

    private static Pod pod(String name, String app, OwnerReference owner) {
        return new PodBuilder().withNewMetadata().withName(name).withLabels(Map.of("app", app))
                .withOwnerReferences(owner == null ? List.of() : List.of(owner)).endMetadata().build();
    }

    @Test
    void keepsAdoptsReleasesAndLeavesOthersAlone() {
        Pod mine = pod("mine", "web", OwnerRefs.controllerRef(rs));
        Pod orphan = pod("orphan", "web", null);
        Pod relabelled = pod("relabelled", "db", OwnerRefs.controllerRef(rs));
        Pod theirs = pod("theirs", "web", OwnerRefs.controllerRef(other));
        Pod stranger = pod("stranger", "db", null);

        Claims<Pod> claims = Claims.of(rs, APP_WEB, List.of(mine, orphan, relabelled, theirs, stranger));

        assertThat(claims.owned()).containsExactly(mine);
        assertThat(claims.adopt()).containsExactly(orphan);
        assertThat(claims.release()).containsExactly(relabelled);
        assertThat(claims.claimed()).containsExactly(mine, orphan);
    }

    @Test
    void aDeletingOwnerAdoptsNothing() {
        rs.getMetadata().setDeletionTimestamp("2025-01-01T00:00:00Z");
        assertThat(Claims.of(rs, APP_WEB, List.of(pod("orphan", "web", null))).adopt()).isEmpty();
    }
}

package io.k8j.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.k8j.controllers.deployment.Deployments.rs;
import static org.assertj.core.api.Assertions.assertThat;

class RevisionsTest {
    @Test
    void theCurrentReplicaSetGetsOneMoreThanAnyOld() {
        assertThat(Revisions.next(List.of())).isEqualTo(1);
        assertThat(Revisions.next(List.of(rs("a", 1, 0, 0), rs("b", 3, 0, 0)))).isEqualTo(4);
    }

    @Test
    void undoMakesAnOldReplicaSetCurrentWithANewRevision() {
        // revision 1 (busybox) and 2 (busybox:1.36); undo makes revision 1's ReplicaSet current again
        ReplicaSet first = rs("web-1", 1, 0, 0);
        ReplicaSet second = rs("web-2", 2, 3, 3);
        long revision = Math.max(Revisions.of(first), Revisions.next(List.of(second)));
        assertThat(revision).isEqualTo(3);
    }

    @Test
    void historyKeepsTheNewestEmptyOnesUpToTheLimit() {
        List<ReplicaSet> olds = List.of(rs("r3", 3, 0, 0), rs("r1", 1, 0, 0), rs("r2", 2, 0, 0),
                rs("busy", 4, 1, 1), rs("draining", 5, 0, 1));
        assertThat(Revisions.beyondHistory(olds, 1)).extracting(r -> r.getMetadata().getName()).containsExactly("r1", "r2");
        assertThat(Revisions.beyondHistory(olds, 0)).extracting(r -> r.getMetadata().getName()).containsExactly("r1", "r2", "r3");
        assertThat(Revisions.beyondHistory(olds, 10)).isEmpty();
    }
}

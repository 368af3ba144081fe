package io.k8j.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.k8j.controllers.deployment.Deployments.rs;
import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static String reason(DeploymentStatus s, String type) {
        return Conditions.get(s, type).orElseThrow().getReason();
    }

    /** The status written at {@code now} for the given ReplicaSets; becomes the deployment's status. */
    private static Duration pass(Deployment d, ReplicaSet newRs, List<ReplicaSet> all, Instant now) {
        DeploymentStatus s = RolloutStatus.calculate(d, newRs, all, now);
        Duration again = Progress.update(d, s, newRs.getMetadata().getName(), now).orElse(null);
        d.setStatus(s);
        return again;
    }

    @Test
    void progressingWhileCountsMoveThenCompleteThenAvailable() {
        Deployment d = Deployments.web("busybox", 3);
        ReplicaSet newRs = rs("web-new", 2, 3, 1);
        ReplicaSet old = rs("web-old", 1, 2, 2);

        Duration again = pass(d, newRs, List.of(old, newRs), T0);
        assertThat(reason(d.getStatus(), Progress.PROGRESSING)).isEqualTo("ReplicaSetUpdated");
        assertThat(again).isEqualTo(Duration.ofSeconds(601));
        assertThat(reason(d.getStatus(), RolloutStatus.AVAILABLE)).isEqualTo("MinimumReplicasAvailable");
        assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(1);
        assertThat(d.getStatus().getReplicas()).isEqualTo(3);

        ReplicaSet done = rs("web-new", 2, 3, 3);
        ReplicaSet drained = rs("web-old", 1, 0, 0);
        assertThat(pass(d, done, List.of(drained, done), T0.plusSeconds(5))).isNull();
        assertThat(reason(d.getStatus(), Progress.PROGRESSING)).isEqualTo("NewReplicaSetAvailable");
        assertThat(RolloutStatus.complete(d, d.getStatus())).isTrue();
        assertThat(d.getStatus().getUnavailableReplicas()).isZero();
    }

    @Test
    void noMovementPastTheDeadlineTimesOut() {
        Deployment d = Deployments.web("busybox", 3);
        ReplicaSet stuck = rs("web-new", 1, 3, 0);
        pass(d, stuck, List.of(stuck), T0); // nothing moved yet, but no condition either
        d.getStatus().setConditions(List.of(Conditions.of(Progress.PROGRESSING, "True", "NewReplicaSetCreated", "x", T0)));
        assertThat(pass(d, stuck, List.of(stuck), T0.plusSeconds(300))).isEqualTo(Duration.ofSeconds(301));
        assertThat(reason(d.getStatus(), Progress.PROGRESSING)).isEqualTo("NewReplicaSetCreated");
        assertThat(pass(d, stuck, List.of(stuck), T0.plusSeconds(601))).isNull();
        assertThat(reason(d.getStatus(), Progress.PROGRESSING)).isEqualTo(Progress.TIMED_OUT);
        assertThat(reason(d.getStatus(), RolloutStatus.AVAILABLE)).isEqualTo("MinimumReplicasUnavailable");
    }

    @Test
    void pausedThenResumedRestartsTheDeadline() {
        Deployment d = Deployments.web("busybox", 3);
        ReplicaSet rs = rs("web-new", 1, 3, 1);
        d.getSpec().setPaused(true);
        assertThat(pass(d, rs, List.of(rs), T0)).isNull();
        assertThat(reason(d.getStatus(), Progress.PROGRESSING)).isEqualTo("DeploymentPaused");
        d.getSpec().setPaused(false);
        pass(d, rs, List.of(rs), T0.plusSeconds(1000));
        assertThat(reason(d.getStatus(), Progress.PROGRESSING)).isEqualTo("DeploymentResumed");
    }
}

package io.k8j.kubelet.status;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.k8j.kubelet.pod.Sidecars;
import io.k8j.kubelet.runtime.ContainerStatus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One container's entry in pod.status.containerStatuses or initContainerStatuses, from the runtime's view of
 * its attempts. An init container is ready once it exited 0, a sidecar (as an app container) while it runs,
 * has started and passes its readiness probe; before it ran, and while the pod initializes,
 * containers wait with PodInitializing as the kubelet's default reason for pods that have init containers.
 */
final class ContainerStatuses {
    private ContainerStatuses() {
    }

    static io.fabric8.kubernetes.api.model.ContainerStatus of(Container spec, List<ContainerStatus> attempts,
                                                              PodStatusInput in, String runtimeName, boolean init) {
        boolean hasInit = !in.pod().getSpec().getInitContainers().isEmpty();
        boolean sidecar = init && Sidecars.isSidecar(spec);
        ContainerStatus latest = attempts.isEmpty() ? null : attempts.get(0);
        PodStatusInput.Waiting waiting = in.waiting().get(spec.getName());
        ContainerStatusBuilder b = new ContainerStatusBuilder().withName(spec.getName()).withImage(spec.getImage())
                .withImageID("").withRestartCount(latest == null ? 0 : latest.attempt()).withReady(false).withStarted(false);
        if (latest != null) {
            b.withImageID(latest.imageRef()).withContainerID(runtimeName + "://" + latest.id());
        }
        ContainerStatus previous = attempts.size() > 1 ? attempts.get(1) : null;
        if (latest != null && latest.running()) {
            b.withState(new ContainerStateBuilder().withNewRunning().withStartedAt(time(latest.startedAt())).endRunning().build());
            boolean started = in.started().getOrDefault(latest.id(), true);
            b.withStarted(started);
            b.withReady((!init || sidecar) && started && in.ready().getOrDefault(latest.id(), true));
        } else if (latest != null && latest.state() == io.k8j.kubelet.runtime.ContainerState.EXITED && waiting == null) {
            b.withState(terminated(latest, runtimeName));
            b.withReady(init && !sidecar && latest.exitCode() == 0);
        } else {
            // Waiting: before the first start, or in back-off after an exit (which then shows as lastState).
            String reason = waiting != null ? waiting.reason() : hasInit ? "PodInitializing" : "ContainerCreating";
            b.withState(new ContainerStateBuilder().withNewWaiting().withReason(reason)
                    .withMessage(waiting != null ? waiting.message() : null).endWaiting().build());
            if (latest != null && latest.state() == io.k8j.kubelet.runtime.ContainerState.EXITED) {
                previous = latest;
            }
        }
        if (previous != null && previous.state() == io.k8j.kubelet.runtime.ContainerState.EXITED) {
            b.withLastState(terminated(previous, runtimeName));
        } else {
            b.withLastState(new ContainerState());
        }
        return b.build();
    }

    /**
     * An ephemeral container's entry in ephemeralContainerStatuses: as an app container's, but never ready, and
     * without {@code started}, which the kubelet's prober sets for the other lists only.
     */
    static io.fabric8.kubernetes.api.model.ContainerStatus ephemeral(Container spec, List<ContainerStatus> attempts,
                                                                     PodStatusInput in, String runtimeName) {
        var status = of(spec, attempts, in, runtimeName, false);
        status.setReady(false);
        status.setStarted(null);
        return status;
    }

    private static ContainerState terminated(ContainerStatus c, String runtimeName) {
        return new ContainerStateBuilder().withNewTerminated().withExitCode(c.exitCode()).withReason(c.reason())
                .withMessage(c.message()).withStartedAt(time(c.startedAt())).withFinishedAt(time(c.finishedAt()))
                .withContainerID(runtimeName + "://" + c.id()).endTerminated().build();
    }

    static String time(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}

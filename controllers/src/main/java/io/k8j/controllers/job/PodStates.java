package io.k8j.controllers.job;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** How the Job controller sees a pod (kube's job controller helpers). */
final class PodStates {
    private PodStates() {
    }

    static boolean succeeded(Pod pod) {
        return "Succeeded".equals(phase(pod));
    }

    /**
     * Failed, or being deleted before it succeeded: kube counts deleted pods as failures (with the default
     * podReplacementPolicy) so that a pod removed before it could report still counts.
     */
    static boolean failed(Pod pod) {
        if ("Failed".equals(phase(pod))) {
            return true;
        }
        return pod.getMetadata().getDeletionTimestamp() != null && !succeeded(pod);
    }

    static boolean finished(Pod pod) {
        return succeeded(pod) || failed(pod);
    }

    /** Running or about to: counts towards parallelism. */
    static boolean active(Pod pod) {
        String phase = phase(pod);
        return !"Succeeded".equals(phase) && !"Failed".equals(phase) && pod.getMetadata().getDeletionTimestamp() == null;
    }

    /** Being deleted and not yet terminal (status.terminating). */
    static boolean terminating(Pod pod) {
        String phase = phase(pod);
        return pod.getMetadata().getDeletionTimestamp() != null && !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    static boolean ready(Pod pod) {
        List<PodCondition> conditions = pod.getStatus() == null ? null : pod.getStatus().getConditions();
        return conditions != null && conditions.stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Container restarts, which count against backoffLimit when restartPolicy is OnFailure. */
    static int restarts(Pod pod) {
        return statuses(pod).mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount()).sum();
    }

    /** When the pod finished: its last container's finishedAt, else its Ready condition's last change, else its creation. */
    static Optional<Instant> finishedAt(Pod pod) {
        Optional<Instant> containers = statuses(pod)
                .filter(s -> s.getState() != null && s.getState().getTerminated() != null)
                .map(s -> s.getState().getTerminated().getFinishedAt()).filter(t -> t != null && !t.isEmpty())
                .map(Instant::parse).max(Instant::compareTo);
        if (containers.isPresent()) {
            return containers;
        }
        return Optional.ofNullable(pod.getMetadata().getCreationTimestamp()).map(Instant::parse);
    }

    private static Stream<ContainerStatus> statuses(Pod pod) {
        if (pod.getStatus() == null) {
            return Stream.empty();
        }
        List<ContainerStatus> init = pod.getStatus().getInitContainerStatuses();
        List<ContainerStatus> main = pod.getStatus().getContainerStatuses();
        return Stream.concat(init == null ? Stream.empty() : init.stream(), main == null ? Stream.empty() : main.stream());
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }
}

package io.k8j.kubelet.status;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.k8j.kubelet.pod.Sidecars;

import java.util.List;

/**
 * The pod phase from its containers and restart policy, as the kubelet's getPhase: a failed init
 * container fails a pod that never restarts; one still to finish, or a sidecar not started yet, keeps the
 * pod Pending until a regular container has started. A running sidecar counts as running; a sidecar that
 * exited does not count, so a pod whose app containers are done follows their exit codes alone.
 */
final class PodPhase {
    private PodPhase() {
    }

    /** initStatuses: one per init container, in spec order. */
    static String of(String restartPolicy, List<Container> initSpecs, List<ContainerStatus> initStatuses,
                     List<ContainerStatus> statuses) {
        String policy = restartPolicy == null ? "Always" : restartPolicy;
        int pendingInit = 0;
        int failedInit = 0;
        int running = 0;
        int waiting = 0;
        for (int i = 0; i < initStatuses.size(); i++) {
            ContainerStatus s = initStatuses.get(i);
            var terminated = s.getState().getTerminated();
            var lastTerminated = s.getLastState() == null ? null : s.getLastState().getTerminated();
            if (Sidecars.isSidecar(initSpecs.get(i))) {
                if (s.getState().getRunning() != null) {
                    running++;
                    pendingInit += Boolean.TRUE.equals(s.getStarted()) ? 0 : 1;
                } else if (terminated == null && lastTerminated == null) {
                    pendingInit++;
                    waiting++;
                }
            } else if (terminated != null) {
                failedInit += terminated.getExitCode() != 0 ? 1 : 0;
            } else if (s.getState().getWaiting() != null && lastTerminated != null) {
                failedInit += lastTerminated.getExitCode() != 0 ? 1 : 0;
            } else {
                pendingInit++;
            }
        }
        if (failedInit > 0 && policy.equals("Never")) {
            return "Failed";
        }
        if (pendingInit > 0 && !Initialization.anyRegularStarted(statuses)) {
            return "Pending";
        }
        int stopped = 0;
        int succeeded = 0;
        for (ContainerStatus s : statuses) {
            if (s.getState().getRunning() != null) {
                running++;
            } else if (s.getState().getTerminated() != null) {
                stopped++;
                if (s.getState().getTerminated().getExitCode() == 0) {
                    succeeded++;
                }
            } else if (s.getLastState() != null && s.getLastState().getTerminated() != null) {
                stopped++; // waiting to restart after an exit: it has run
            } else {
                waiting++;
            }
        }
        if (waiting > 0 || statuses.isEmpty()) {
            return "Pending";
        }
        if (running > 0) {
            return "Running";
        }
        return switch (policy) {
            case "Never" -> stopped == succeeded ? "Succeeded" : "Failed";
            case "OnFailure" -> stopped == succeeded ? "Succeeded" : "Running";
            default -> "Running"; // Always: the containers come back (CrashLoopBackOff)
        };
    }
}

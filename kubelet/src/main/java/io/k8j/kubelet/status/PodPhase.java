package io.k8j.kubelet.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;

import java.util.List;

/**
 * The pod phase from its containers and restart policy, as the kubelet's getPhase: a failed init
 * container fails a pod that never restarts; one still to finish keeps the pod Pending until a regular
 * container has started.
 */
final class PodPhase {
    private PodPhase() {
    }

    static String of(String restartPolicy, List<ContainerStatus> initStatuses, List<ContainerStatus> statuses) {
        String policy = restartPolicy == null ? "Always" : restartPolicy;
        int pendingInit = 0;
        int failedInit = 0;
        for (ContainerStatus s : initStatuses) {
            var terminated = s.getState().getTerminated();
            var lastTerminated = s.getLastState() == null ? null : s.getLastState().getTerminated();
            if (terminated != null) {
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
        int running = 0;
        int waiting = 0;
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

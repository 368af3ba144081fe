package io.k8j.kubelet.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;

import java.util.List;

/** The pod phase from its containers and restart policy: the kubelet's getPhase, without init containers. */
final class PodPhase {
    private PodPhase() {
    }

    static String of(String restartPolicy, List<ContainerStatus> statuses) {
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
        return switch (restartPolicy == null ? "Always" : restartPolicy) {
            case "Never" -> stopped == succeeded ? "Succeeded" : "Failed";
            case "OnFailure" -> stopped == succeeded ? "Succeeded" : "Running";
            default -> "Running"; // Always: the containers come back (CrashLoopBackOff)
        };
    }
}

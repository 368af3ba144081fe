package io.k8j.kubelet.status;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.k8j.kubelet.pod.Sidecars;

import java.util.List;

/**
 * The Initialized condition, as kube's GeneratePodInitializedCondition: False with the init containers
 * that have not exited 0 yet, or sidecars not started yet ("containers with incomplete status: [a b]"),
 * True once none is left, a regular container has started, or the pod succeeded (then with reason
 * PodCompleted).
 */
final class Initialization {
    static final String NOT_INITIALIZED = "ContainersNotInitialized";

    private Initialization() {
    }

    /** The message of an Initialized=False condition, or null when the pod is initialized. */
    static String incompleteMessage(List<Container> initSpecs, List<ContainerStatus> initStatuses,
                                    List<ContainerStatus> statuses, String phase) {
        if (phase.equals("Succeeded") || anyRegularStarted(statuses)) {
            return null;
        }
        List<String> incomplete = initSpecs.stream().filter(c -> initStatuses.stream()
                .noneMatch(s -> s.getName().equals(c.getName()) && complete(c, s))).map(Container::getName).toList();
        // Go's %s of a []string: "[a b]".
        return incomplete.isEmpty() ? null : "containers with incomplete status: [" + String.join(" ", incomplete) + "]";
    }

    /** A sidecar is complete once it has started, any other init container once it exited 0. */
    private static boolean complete(Container spec, ContainerStatus s) {
        if (Sidecars.isSidecar(spec)) {
            return Boolean.TRUE.equals(s.getStarted());
        }
        return s.getState().getTerminated() != null && s.getState().getTerminated().getExitCode() == 0;
    }

    /** kube's HasAnyRegularContainerStarted: one runs, ran, or waits to run again. */
    static boolean anyRegularStarted(List<ContainerStatus> statuses) {
        return statuses.stream().anyMatch(s -> s.getState().getRunning() != null || s.getState().getTerminated() != null
                || (s.getLastState() != null && s.getLastState().getTerminated() != null));
    }
}

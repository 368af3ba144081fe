package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which init container the pod sync works on, as the kubelet's findNextInitContainerToRun: the first one
 * in spec order whose newest attempt has not exited 0 (to start, to wait for, or to restart). Empty when
 * every one has, or when a regular container already ran in this sandbox (init is never repeated then).
 */
final class InitContainers {
    private InitContainers() {
    }

    /** attempts: the sandbox's containers by name, newest attempt first. */
    static Optional<Container> next(PodSpec spec, Map<String, List<ContainerStatus>> attempts) {
        if (spec.getContainers().stream().anyMatch(c -> attempts.containsKey(c.getName()))) {
            return Optional.empty();
        }
        return spec.getInitContainers().stream().filter(c -> !succeeded(attempts.get(c.getName()))).findFirst();
    }

    private static boolean succeeded(List<ContainerStatus> attempts) {
        return attempts != null && !attempts.isEmpty() && attempts.get(0).state() == ContainerState.EXITED
                && attempts.get(0).exitCode() == 0;
    }
}

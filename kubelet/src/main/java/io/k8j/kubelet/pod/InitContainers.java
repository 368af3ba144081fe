package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Which init containers the pod sync works on, as the kubelet's computeInitContainerActions: the furthest
 * init container (spec order) that has run in this sandbox marks the progress. It is worked on (started,
 * waited for, restarted) until it is done, a plain one by exiting 0, a sidecar by running and having
 * started (its startup probe passed); then the next one starts. Sidecars before it are kept running.
 * Initialization is over once the last one is done, or once a regular container has run in this sandbox
 * (init is never repeated then; only the sidecars are kept running).
 */
final class InitContainers {
    private InitContainers() {
    }

    /** The init containers to work on, and whether the app containers may run. */
    record Plan(List<Container> work, boolean initialized) {
    }

    /**
     * attempts: the sandbox's containers by name, newest attempt first; started: whether a running sidecar
     * has started.
     */
    static Plan plan(PodSpec spec, Map<String, List<ContainerStatus>> attempts,
                     BiPredicate<Container, ContainerStatus> started) {
        List<Container> init = spec.getInitContainers();
        if (spec.getContainers().stream().anyMatch(c -> attempts.containsKey(c.getName()))) {
            return new Plan(init.stream().filter(Sidecars::isSidecar).toList(), true);
        }
        int current = init.size() - 1;
        while (current >= 0 && !attempts.containsKey(init.get(current).getName())) {
            current--;
        }
        if (current < 0) {
            return new Plan(init.isEmpty() ? List.of() : List.of(init.get(0)), init.isEmpty());
        }
        List<Container> work = new ArrayList<>(init.subList(0, current).stream().filter(Sidecars::isSidecar).toList());
        Container c = init.get(current);
        ContainerStatus latest = attempts.get(c.getName()).get(0);
        boolean done = Sidecars.isSidecar(c)
                ? latest.state() == ContainerState.RUNNING && started.test(c, latest)
                : latest.state() == ContainerState.EXITED && latest.exitCode() == 0;
        if (!done || Sidecars.isSidecar(c)) {
            work.add(c);
        }
        boolean last = current == init.size() - 1;
        if (done && !last) {
            work.add(init.get(current + 1));
        }
        return new Plan(List.copyOf(work), done && last);
    }
}

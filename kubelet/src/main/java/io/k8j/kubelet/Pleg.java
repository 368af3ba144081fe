package io.k8j.kubelet;

import io.k8j.kubelet.pod.ProbeResults;
import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The pod lifecycle event generator, as the kubelet's generic PLEG: relists the runtime's containers
 * every second and re-syncs each pod whose containers changed state (e.g. a process exited), so that
 * the runtime SPI needs no event stream. It also retires probe workers of containers that stopped.
 */
final class Pleg {
    private final ContainerRuntime runtime;
    private final ProbeResults probes;
    private final Consumer<String> resync;
    private Map<String, ContainerState> last = Map.of();

    Pleg(ContainerRuntime runtime, ProbeResults probes, Consumer<String> resync) {
        this.runtime = runtime;
        this.probes = probes;
        this.resync = resync;
    }

    void relist() {
        Map<String, ContainerState> now = new HashMap<>();
        for (ContainerStatus c : runtime.listContainers(null)) {
            now.put(c.id(), c.state());
            if (last.get(c.id()) != c.state()) {
                resync.accept(c.labels().get("io.kubernetes.pod.namespace") + "/" + c.labels().get("io.kubernetes.pod.name"));
            }
        }
        probes.forgetAllBut(now.entrySet().stream().filter(e -> e.getValue() == ContainerState.RUNNING)
                .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet()));
        last = now;
    }
}

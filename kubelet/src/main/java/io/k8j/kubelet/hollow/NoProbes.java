package io.k8j.kubelet.hollow;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.kubelet.pod.ProbeResults;
import io.k8j.kubelet.runtime.ContainerStatus;

import java.util.Set;

/**
 * Probes of hollow nodes, as KWOK's: none run (there is no process to probe), so every running container
 * is started and ready at once and never killed.
 */
final class NoProbes implements ProbeResults {
    @Override
    public void track(Pod pod, Container spec, ContainerStatus running, String podIp) {
    }

    @Override
    public boolean ready(String containerId) {
        return true;
    }

    @Override
    public boolean started(String containerId) {
        return true;
    }

    @Override
    public String killReason(String containerId) {
        return null;
    }

    @Override
    public void forgetAllBut(Set<String> containerIds) {
    }
}

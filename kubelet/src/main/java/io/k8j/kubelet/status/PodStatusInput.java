package io.k8j.kubelet.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.SandboxStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a pod's status is computed from: the pod (spec, and the status it has), its sandbox (null before
 * one runs), the runtime's containers by name (newest attempt first), why a container waits (as the
 * sync decided: CrashLoopBackOff, CreateContainerError; absent means ContainerCreating), and the probe
 * verdicts by container id.
 */
public record PodStatusInput(Pod pod, SandboxStatus sandbox, Map<String, List<ContainerStatus>> containers,
                             Map<String, Waiting> waiting, Map<String, Boolean> ready, Map<String, Boolean> started,
                             String hostIp, Instant now) {
    /** A container's waiting state as the status shows it. */
    public record Waiting(String reason, String message) {
    }
}

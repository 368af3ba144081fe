package io.k8j.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.Map;

/**
 * Runs when no node passed the filters, e.g. preemption. Its status reasons are appended to the
 * FailedScheduling message after "preemption: " (kube's PostFilter message).
 */
public interface PostFilterPlugin extends Plugin {
    Status postFilter(CycleState state, Pod pod, Map<String, Status> filteredNodes);
}

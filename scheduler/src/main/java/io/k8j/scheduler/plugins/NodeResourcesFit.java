package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.scheduler.framework.CycleState;
import io.k8j.scheduler.framework.FilterPlugin;
import io.k8j.scheduler.framework.NodeInfo;
import io.k8j.scheduler.framework.PodRequests;
import io.k8j.scheduler.framework.PreFilterPlugin;
import io.k8j.scheduler.framework.Resource;
import io.k8j.scheduler.framework.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The pod's requests must fit in what the node has left: allocatable minus what its pods request. */
public final class NodeResourcesFit implements PreFilterPlugin, FilterPlugin {
    public static final String NAME = "NodeResourcesFit";
    static final CycleState.Key<Resource> REQUESTS = new CycleState.Key<>(NAME + "/requests");

    @Override
    public String name() {
        return NAME;
    }

    /** Computes the pod's requests once per cycle rather than once per node. */
    @Override
    public Status preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
        state.write(REQUESTS, PodRequests.of(pod));
        return Status.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo node) {
        Resource req = state.read(REQUESTS);
        List<String> reasons = insufficient(req == null ? PodRequests.of(pod) : req, node.allocatable(),
                node.requested(), node.pods().size());
        return reasons.isEmpty() ? Status.SUCCESS : Status.unschedulable(reasons.toArray(String[]::new));
    }

    /** kube's fitsRequest: every reason, in kube's order (pods, cpu, memory, ephemeral-storage, extended). */
    static List<String> insufficient(Resource pod, Resource allocatable, Resource requested, int podCount) {
        List<String> reasons = new ArrayList<>(0); // no backing array until a reason is added, the common case
        if (podCount + 1 > allocatable.pods) {
            reasons.add("Too many pods");
        }
        check(reasons, Resource.CPU, pod.milliCpu, allocatable.milliCpu - requested.milliCpu);
        check(reasons, Resource.MEMORY, pod.memory, allocatable.memory - requested.memory);
        check(reasons, Resource.EPHEMERAL_STORAGE, pod.ephemeralStorage, allocatable.ephemeralStorage - requested.ephemeralStorage);
        for (Map.Entry<String, Long> e : pod.scalars.entrySet()) {
            check(reasons, e.getKey(), e.getValue(), allocatable.get(e.getKey()) - requested.get(e.getKey()));
        }
        return reasons;
    }

    private static void check(List<String> reasons, String name, long wanted, long free) {
        if (wanted > 0 && wanted > free) {
            reasons.add("Insufficient " + name);
        }
    }
}

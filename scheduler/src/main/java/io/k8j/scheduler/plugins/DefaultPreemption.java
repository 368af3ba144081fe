package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.scheduler.framework.Code;
import io.k8j.scheduler.framework.CycleState;
import io.k8j.scheduler.framework.PostFilterPlugin;
import io.k8j.scheduler.framework.Status;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The PostFilter slot of kube's preemption, without evicting anything yet: it reports, in kube's words,
 * that preemption cannot help, per node. Nodes rejected as unresolvable could never be helped; on the
 * others no victims are chosen because k8j does not preempt (PriorityClass preemption is a stretch goal).
 */
public final class DefaultPreemption implements PostFilterPlugin {
    public static final String NAME = "DefaultPreemption";
    static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";
    static final String NO_VICTIMS = "No preemption victims found for incoming pod";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status postFilter(CycleState state, Pod pod, Map<String, Status> filteredNodes) {
        return Status.unschedulable(message(pod.getSpec().getPreemptionPolicy(), filteredNodes));
    }

    static String message(String preemptionPolicy, Map<String, Status> filteredNodes) {
        if ("Never".equals(preemptionPolicy)) {
            return "preemption: not eligible due to preemptionPolicy=Never.";
        }
        Map<String, Integer> counts = new TreeMap<>();
        filteredNodes.values().forEach(s -> counts.merge(
                s.code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE ? NOT_HELPFUL : NO_VICTIMS, 1, Integer::sum));
        String histogram = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).sorted()
                .collect(Collectors.joining(", "));
        return "preemption: 0/" + filteredNodes.size() + " nodes are available: " + histogram + ".";
    }
}

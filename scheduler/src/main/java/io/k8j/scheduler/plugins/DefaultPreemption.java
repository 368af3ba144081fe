package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.scheduler.framework.Code;
import io.k8j.scheduler.framework.CycleState;
import io.k8j.scheduler.framework.NodeInfo;
import io.k8j.scheduler.framework.PostFilterPlugin;
import io.k8j.scheduler.framework.PreFilterPlugin;
import io.k8j.scheduler.framework.Status;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Kube's DefaultPreemption PostFilter: when no node fits a pod, find the node where evicting the
 * least important lower-priority pods makes room ({@link PreemptionSearch}), evict them, and nominate
 * the node on the pod; their deletion brings the pod back to the queue. Its PreFilter only remembers
 * the cycle's nodes, which the PostFilter needs and is not given.
 */
public final class DefaultPreemption implements PreFilterPlugin, PostFilterPlugin {
    public static final String NAME = "DefaultPreemption";
    static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";
    static final String NO_VICTIMS = "No preemption victims found for incoming pod";
    private static final CycleState.Key<List<NodeInfo>> NODES = new CycleState.Key<>(NAME + "/nodes");

    /** Reruns the filters for a pod on a node, with the cycle's state. */
    @FunctionalInterface
    public interface Filters {
        Status run(CycleState state, Pod pod, NodeInfo node);
    }

    private final Filters filters;
    private final PreemptionWriter writer;

    public DefaultPreemption(Filters filters, PreemptionWriter writer) {
        this.filters = filters;
        this.writer = writer;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
        state.write(NODES, nodes);
        return Status.SUCCESS;
    }

    @Override
    public Status postFilter(CycleState state, Pod pod, Map<String, Status> filteredNodes) {
        if ("Never".equals(pod.getSpec().getPreemptionPolicy())) {
            return Status.unschedulable("preemption: not eligible due to preemptionPolicy=Never.");
        }
        List<NodeInfo> nodes = state.read(NODES);
        if (nodes == null) {
            return Status.unschedulable(message(filteredNodes));
        }
        if (victimsStillTerminating(pod, nodes)) {
            return Status.unschedulable(); // an earlier preemption for this pod is still under way
        }
        BiFunction<Pod, NodeInfo, Status> fits = (p, n) -> filters.run(state, p, n);
        Optional<PreemptionSearch.Candidate> candidate = PreemptionSearch.find(pod, nodes, filteredNodes, fits);
        if (candidate.isEmpty()) {
            return Status.unschedulable(message(filteredNodes));
        }
        String node = candidate.get().node();
        candidate.get().victims().forEach(v -> writer.evict(v, pod, node));
        writer.nominate(pod, node);
        return Status.SUCCESS;
    }

    /** Kube's podEligibleToPreemptOthers: lower-priority pods terminating on the nominated node mean wait. */
    private static boolean victimsStillTerminating(Pod pod, List<NodeInfo> nodes) {
        String nominated = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
        long priority = PreemptionSearch.priority(pod);
        return nominated != null && nodes.stream().filter(n -> n.name().equals(nominated))
                .flatMap(n -> n.pods().stream()).anyMatch(p -> p.pod().getMetadata().getDeletionTimestamp() != null
                        && PreemptionSearch.priority(p.pod()) < priority);
    }

    static String message(Map<String, Status> filteredNodes) {
        Map<String, Integer> counts = new TreeMap<>();
        filteredNodes.values().forEach(s -> counts.merge(
                s.code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE ? NOT_HELPFUL : NO_VICTIMS, 1, Integer::sum));
        String histogram = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).sorted()
                .collect(Collectors.joining(", "));
        return "preemption: 0/" + filteredNodes.size() + " nodes are available: " + histogram + ".";
    }
}

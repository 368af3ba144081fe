package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.scheduler.framework.Code;
import io.k8j.scheduler.framework.NodeInfo;
import io.k8j.scheduler.framework.PodInfo;
import io.k8j.scheduler.framework.Status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Kube's preemption dry run, pure: on each node the filters rejected as resolvable, remove every pod of
 * lower priority than the preemptor; if the preemptor then fits, add back the most important of them
 * one by one while it still fits (the reprieve), and the rest are the victims. Of the candidates, the
 * node whose most important victim matters least wins, then the smallest priority sum, then the fewest.
 */
final class PreemptionSearch {
    /** A node and the pods to evict there. */
    record Candidate(String node, List<Pod> victims) {
        long highest() {
            return victims.stream().mapToLong(PreemptionSearch::priority).max().orElse(Long.MIN_VALUE);
        }

        long sum() {
            return victims.stream().mapToLong(PreemptionSearch::priority).sum();
        }
    }

    private static final Comparator<Pod> MORE_IMPORTANT_FIRST = Comparator.comparingLong(PreemptionSearch::priority).reversed()
            .thenComparing(p -> p.getMetadata().getCreationTimestamp() == null ? "" : p.getMetadata().getCreationTimestamp());

    private PreemptionSearch() {
    }

    /** @param fits runs the filters for the preemptor on a node as it would be */
    static Optional<Candidate> find(Pod preemptor, List<NodeInfo> nodes, Map<String, Status> filtered,
                                    BiFunction<Pod, NodeInfo, Status> fits) {
        List<Candidate> candidates = new ArrayList<>();
        for (NodeInfo node : nodes) {
            Status s = filtered.get(node.name());
            if (s != null && s.code() == Code.UNSCHEDULABLE) {
                victimsOn(preemptor, node, fits).ifPresent(candidates::add);
            }
        }
        return candidates.stream().min(Comparator.comparingLong(Candidate::highest)
                .thenComparingLong(Candidate::sum).thenComparingInt(c -> c.victims().size()));
    }

    static Optional<Candidate> victimsOn(Pod preemptor, NodeInfo node, BiFunction<Pod, NodeInfo, Status> fits) {
        long priority = priority(preemptor);
        NodeInfo trial = node.copy();
        List<Pod> lower = node.pods().stream().map(PodInfo::pod).filter(p -> priority(p) < priority)
                .sorted(MORE_IMPORTANT_FIRST).toList();
        if (lower.isEmpty()) {
            return Optional.empty();
        }
        lower.forEach(p -> trial.removePod(PodInfo.key(p)));
        if (!fits.apply(preemptor, trial).isSuccess()) {
            return Optional.empty();
        }
        List<Pod> victims = new ArrayList<>();
        for (Pod p : lower) {
            trial.addPod(PodInfo.of(p));
            if (!fits.apply(preemptor, trial).isSuccess()) {
                trial.removePod(PodInfo.key(p));
                victims.add(p);
            }
        }
        return Optional.of(new Candidate(node.name(), victims));
    }

    static long priority(Pod pod) {
        return pod.getSpec().getPriority() == null ? 0 : pod.getSpec().getPriority();
    }
}

package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.k8j.client.LabelSelectors;
import io.k8j.scheduler.framework.CycleState;
import io.k8j.scheduler.framework.FilterPlugin;
import io.k8j.scheduler.framework.NodeInfo;
import io.k8j.scheduler.framework.PodInfo;
import io.k8j.scheduler.framework.PreFilterPlugin;
import io.k8j.scheduler.framework.PreScorePlugin;
import io.k8j.scheduler.framework.ScorePlugin;
import io.k8j.scheduler.framework.Status;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * topologySpreadConstraints: DoNotSchedule ones filter (placing the pod must keep the domain's count
 * within maxSkew of the emptiest domain), ScheduleAnyway ones score (fewer matching pods is better).
 * Domains are counted over nodes that pass the pod's nodeSelector/affinity (nodeAffinityPolicy Honor).
 * minDomains, matchLabelKeys and kube's cluster-level default constraints are not implemented yet.
 */
public final class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
    public static final String NAME = "PodTopologySpread";
    static final String SKEW = "node(s) didn't match pod topology spread constraints";
    static final String MISSING_LABEL = "node(s) didn't match pod topology spread constraints (missing required label)";
    private static final CycleState.Key<List<Map<String, Integer>>> HARD = new CycleState.Key<>(NAME + "/hard");
    private static final CycleState.Key<List<Map<String, Integer>>> SOFT = new CycleState.Key<>(NAME + "/soft");

    @Override
    public String name() {
        return NAME;
    }

    static List<TopologySpreadConstraint> constraints(Pod pod, String when) {
        var all = pod.getSpec().getTopologySpreadConstraints();
        return all == null ? List.of() : all.stream().filter(c -> when.equals(c.getWhenUnsatisfiable())).toList();
    }

    @Override
    public Status preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
        List<TopologySpreadConstraint> hard = constraints(pod, "DoNotSchedule");
        if (hard.isEmpty()) {
            return Status.SKIP;
        }
        state.write(HARD, count(pod, hard, nodes));
        return Status.SUCCESS;
    }

    /** Matching pods per domain, one map per constraint; every eligible domain is present, empty ones as 0. */
    static List<Map<String, Integer>> count(Pod pod, List<TopologySpreadConstraint> constraints, List<NodeInfo> nodes) {
        List<Map<String, Integer>> counts = constraints.stream().map(c -> (Map<String, Integer>) new HashMap<String, Integer>()).toList();
        for (NodeInfo n : nodes) {
            Map<String, String> labels = n.node().getMetadata().getLabels();
            if (labels == null || !constraints.stream().allMatch(c -> labels.containsKey(c.getTopologyKey()))
                    || !NodeAffinity.fits(pod.getSpec().getNodeSelector(), nodeAffinity(pod), n.node())) {
                continue;
            }
            for (int i = 0; i < constraints.size(); i++) {
                TopologySpreadConstraint c = constraints.get(i);
                int matching = (int) n.pods().stream().map(PodInfo::pod).filter(p -> counts(c, pod, p)).count();
                counts.get(i).merge(labels.get(c.getTopologyKey()), matching, Integer::sum);
            }
        }
        return counts;
    }

    private static boolean counts(TopologySpreadConstraint c, Pod pod, Pod other) {
        return other.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace())
                && other.getMetadata().getDeletionTimestamp() == null
                && LabelSelectors.matches(c.getLabelSelector(), other.getMetadata().getLabels());
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo node) {
        return check(pod, constraints(pod, "DoNotSchedule"), state.read(HARD), node.node());
    }

    static Status check(Pod pod, List<TopologySpreadConstraint> hard, List<Map<String, Integer>> counts, Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        for (int i = 0; i < hard.size(); i++) {
            TopologySpreadConstraint c = hard.get(i);
            String value = labels == null ? null : labels.get(c.getTopologyKey());
            if (value == null) {
                return Status.unresolvable(MISSING_LABEL);
            }
            int min = counts.get(i).values().stream().mapToInt(Integer::intValue).min().orElse(0);
            int self = LabelSelectors.matches(c.getLabelSelector(), pod.getMetadata().getLabels()) ? 1 : 0;
            if (counts.get(i).getOrDefault(value, 0) + self - min > c.getMaxSkew()) {
                return Status.unschedulable(SKEW);
            }
        }
        return Status.SUCCESS;
    }

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasible, List<NodeInfo> all) {
        List<TopologySpreadConstraint> soft = constraints(pod, "ScheduleAnyway");
        if (soft.isEmpty()) {
            return Status.SKIP;
        }
        state.write(SOFT, count(pod, soft, all));
        return Status.SUCCESS;
    }

    /** Matching pods in the node's domains; a node outside every counted domain scores as the worst. */
    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        List<TopologySpreadConstraint> soft = constraints(pod, "ScheduleAnyway");
        List<Map<String, Integer>> counts = state.read(SOFT);
        Map<String, String> labels = node.node().getMetadata().getLabels();
        long total = 0;
        for (int i = 0; i < soft.size(); i++) {
            String value = labels == null ? null : labels.get(soft.get(i).getTopologyKey());
            total += value == null ? counts.get(i).values().stream().mapToInt(Integer::intValue).sum() + 1
                    : counts.get(i).getOrDefault(value, 0);
        }
        return total;
    }

    @Override
    public void normalizeScores(CycleState state, Pod pod, long[] scores) {
        Scores.normalize(scores, true);
    }

    private static io.fabric8.kubernetes.api.model.NodeAffinity nodeAffinity(Pod pod) {
        return pod.getSpec().getAffinity() == null ? null : pod.getSpec().getAffinity().getNodeAffinity();
    }
}

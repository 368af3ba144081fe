package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
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
 * Required pod affinity and anti-affinity (the pod's own, and existing pods' anti-affinity against it)
 * by topology domain, and preferred terms as scores. PreFilter counts matching pods per domain once;
 * the filter then only looks up the node's domains.
 */
public final class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
    public static final String NAME = "InterPodAffinity";
    static final String AFFINITY = "node(s) didn't match pod affinity rules";
    static final String ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
    static final String EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
    private static final CycleState.Key<Counts> COUNTS = new CycleState.Key<>(NAME + "/counts");
    private static final CycleState.Key<Map<String, Long>> SCORES = new CycleState.Key<>(NAME + "/scores");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, Pod pod, List<NodeInfo> nodes) {
        Counts counts = InterPodAffinityCounts.count(pod, nodes);
        if (counts.isEmpty() && AffinityTerms.requiredAffinity(pod).isEmpty()) {
            return Status.SKIP;
        }
        state.write(COUNTS, counts);
        return Status.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo node) {
        String reason = InterPodAffinityCounts.reject(state.read(COUNTS), pod, node.node().getMetadata().getLabels());
        if (reason == null) {
            return Status.SUCCESS;
        }
        return reason.equals(AFFINITY) ? Status.unresolvable(reason) : Status.unschedulable(reason);
    }

    /** Per-domain counts of matching pods, one map per required term, plus existing pods' anti-affinity. */
    record Counts(List<Map<String, Integer>> affinity, List<Map<String, Integer>> antiAffinity,
                  Map<String, Integer> existingAntiAffinity, boolean podMatchesOwnAffinity) {
        boolean isEmpty() {
            return existingAntiAffinity.isEmpty() && antiAffinity.stream().allMatch(Map::isEmpty)
                    && affinity.stream().allMatch(Map::isEmpty);
        }
    }

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasible, List<NodeInfo> all) {
        boolean own = !AffinityTerms.preferredAffinity(pod).isEmpty() || !AffinityTerms.preferredAntiAffinity(pod).isEmpty();
        Map<String, Long> scores = new HashMap<>();
        for (NodeInfo n : all) {
            if (!own && !n.hasPodsWithAffinity()) {
                continue;
            }
            for (PodInfo existing : n.pods()) {
                addScores(scores, pod, existing.pod(), n.node().getMetadata().getLabels());
            }
        }
        if (scores.isEmpty()) {
            return Status.SKIP;
        }
        state.write(SCORES, scores);
        return Status.SUCCESS;
    }

    /** The incoming pod's preferred terms and the existing pod's preferred terms, both ways, weighted. */
    static void addScores(Map<String, Long> scores, Pod pod, Pod existing, Map<String, String> labels) {
        add(scores, AffinityTerms.preferredAffinity(pod), pod, existing, labels, 1);
        add(scores, AffinityTerms.preferredAntiAffinity(pod), pod, existing, labels, -1);
        add(scores, AffinityTerms.preferredAffinity(existing), existing, pod, labels, 1);
        add(scores, AffinityTerms.preferredAntiAffinity(existing), existing, pod, labels, -1);
    }

    private static void add(Map<String, Long> scores, List<WeightedPodAffinityTerm> terms, Pod owner, Pod other,
                            Map<String, String> labels, int sign) {
        for (WeightedPodAffinityTerm w : terms) {
            PodAffinityTerm t = w.getPodAffinityTerm();
            String domain = AffinityTerms.domain(t.getTopologyKey(), labels);
            if (domain != null && AffinityTerms.matches(t, owner, other)) {
                scores.merge(domain, (long) sign * w.getWeight(), Long::sum);
            }
        }
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        Map<String, Long> scores = state.read(SCORES);
        Map<String, String> labels = node.node().getMetadata().getLabels();
        if (labels == null) {
            return 0;
        }
        return labels.entrySet().stream().mapToLong(e -> scores.getOrDefault(e.getKey() + "=" + e.getValue(), 0L)).sum();
    }

    /** Min-max scaling: scores may be negative (anti-affinity). */
    @Override
    public void normalizeScores(CycleState state, Pod pod, long[] scores) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long s : scores) {
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] = max > min ? MAX_SCORE * (scores[i] - min) / (max - min) : 0;
        }
    }
}

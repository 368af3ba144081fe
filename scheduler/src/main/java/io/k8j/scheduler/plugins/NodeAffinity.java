package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.k8j.client.NodeSelectors;
import io.k8j.scheduler.framework.CycleState;
import io.k8j.scheduler.framework.FilterPlugin;
import io.k8j.scheduler.framework.NodeInfo;
import io.k8j.scheduler.framework.ScorePlugin;
import io.k8j.scheduler.framework.Status;

import java.util.List;
import java.util.Map;

/** spec.nodeSelector and required node affinity filter; preferred node affinity terms add their weights. */
public final class NodeAffinity implements FilterPlugin, ScorePlugin {
    public static final String NAME = "NodeAffinity";
    static final String REASON = "node(s) didn't match Pod's node affinity/selector";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo node) {
        return fits(pod.getSpec().getNodeSelector(), affinity(pod), node.node()) ? Status.SUCCESS : Status.unresolvable(REASON);
    }

    static boolean fits(Map<String, String> nodeSelector, io.fabric8.kubernetes.api.model.NodeAffinity affinity, Node node) {
        if (nodeSelector != null && !nodeSelector.isEmpty()) {
            Map<String, String> labels = node.getMetadata().getLabels();
            if (labels == null || !nodeSelector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
                return false;
            }
        }
        if (affinity == null || affinity.getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return true;
        }
        return NodeSelectors.matchesAny(affinity.getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms(), node);
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        io.fabric8.kubernetes.api.model.NodeAffinity a = affinity(pod);
        return a == null ? 0 : preferredWeight(a.getPreferredDuringSchedulingIgnoredDuringExecution(), node.node());
    }

    static long preferredWeight(List<PreferredSchedulingTerm> terms, Node node) {
        if (terms == null) {
            return 0;
        }
        return terms.stream().filter(t -> t.getPreference() != null && NodeSelectors.matches(t.getPreference(), node))
                .mapToLong(t -> t.getWeight() == null ? 0 : t.getWeight()).sum();
    }

    @Override
    public void normalizeScores(CycleState state, Pod pod, long[] scores) {
        Scores.normalize(scores, false);
    }

    private static io.fabric8.kubernetes.api.model.NodeAffinity affinity(Pod pod) {
        return pod.getSpec().getAffinity() == null ? null : pod.getSpec().getAffinity().getNodeAffinity();
    }
}

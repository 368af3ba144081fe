package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.k8j.scheduler.framework.NodeInfo;
import io.k8j.scheduler.framework.PodInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The pure parts of InterPodAffinity's filter: counting matching pods per domain, and judging a node. */
final class InterPodAffinityCounts {
    private InterPodAffinityCounts() {
    }

    static InterPodAffinity.Counts count(Pod pod, List<NodeInfo> nodes) {
        List<PodAffinityTerm> affinity = AffinityTerms.requiredAffinity(pod);
        List<PodAffinityTerm> anti = AffinityTerms.requiredAntiAffinity(pod);
        List<Map<String, Integer>> affinityCounts = maps(affinity.size());
        List<Map<String, Integer>> antiCounts = maps(anti.size());
        Map<String, Integer> existingAnti = new HashMap<>();
        boolean ownTerms = !affinity.isEmpty() || !anti.isEmpty();
        for (NodeInfo n : nodes) {
            if (!ownTerms && !n.hasPodsWithAffinity()) {
                continue; // only existing pods' anti-affinity matters, and this node has none
            }
            Map<String, String> labels = n.node().getMetadata().getLabels();
            for (PodInfo p : n.pods()) {
                tally(affinity, affinityCounts, pod, p.pod(), labels);
                tally(anti, antiCounts, pod, p.pod(), labels);
                for (PodAffinityTerm t : AffinityTerms.requiredAntiAffinity(p.pod())) {
                    String domain = AffinityTerms.domain(t.getTopologyKey(), labels);
                    if (domain != null && AffinityTerms.matches(t, p.pod(), pod)) {
                        existingAnti.merge(domain, 1, Integer::sum);
                    }
                }
            }
        }
        boolean self = !affinity.isEmpty() && affinity.stream().allMatch(t -> AffinityTerms.matches(t, pod, pod));
        return new InterPodAffinity.Counts(affinityCounts, antiCounts, existingAnti, self);
    }

    private static void tally(List<PodAffinityTerm> terms, List<Map<String, Integer>> counts, Pod pod, Pod existing,
                              Map<String, String> labels) {
        for (int i = 0; i < terms.size(); i++) {
            String domain = AffinityTerms.domain(terms.get(i).getTopologyKey(), labels);
            if (domain != null && AffinityTerms.matches(terms.get(i), pod, existing)) {
                counts.get(i).merge(domain, 1, Integer::sum);
            }
        }
    }

    /** The rejection reason for a node with these labels, or null when it passes. */
    static String reject(InterPodAffinity.Counts c, Pod pod, Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        for (Map.Entry<String, String> e : l.entrySet()) {
            if (c.existingAntiAffinity().containsKey(e.getKey() + "=" + e.getValue())) {
                return InterPodAffinity.EXISTING_ANTI_AFFINITY;
            }
        }
        List<PodAffinityTerm> anti = AffinityTerms.requiredAntiAffinity(pod);
        for (int i = 0; i < anti.size(); i++) {
            String domain = AffinityTerms.domain(anti.get(i).getTopologyKey(), l);
            if (domain != null && c.antiAffinity().get(i).containsKey(domain)) {
                return InterPodAffinity.ANTI_AFFINITY;
            }
        }
        List<PodAffinityTerm> affinity = AffinityTerms.requiredAffinity(pod);
        // The first pod of a group that selects itself may go anywhere the topology key exists.
        boolean noneAnywhere = c.affinity().stream().allMatch(Map::isEmpty);
        for (int i = 0; i < affinity.size(); i++) {
            String domain = AffinityTerms.domain(affinity.get(i).getTopologyKey(), l);
            boolean satisfied = domain != null && (c.affinity().get(i).containsKey(domain) || noneAnywhere && c.podMatchesOwnAffinity());
            if (!satisfied) {
                return InterPodAffinity.AFFINITY;
            }
        }
        return null;
    }

    private static List<Map<String, Integer>> maps(int n) {
        List<Map<String, Integer>> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(new HashMap<>());
        }
        return l;
    }
}

package io.k8j.scheduler.plugins;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.k8j.client.LabelSelectors;

import java.util.List;
import java.util.Map;

/**
 * Pod affinity term matching: a term selects pods by labels within its namespaces (the owner's own
 * namespace when none are listed; an empty namespaceSelector means all). Namespace label selectors
 * beyond the empty one are not supported yet: they match no namespace.
 */
final class AffinityTerms {
    private AffinityTerms() {
    }

    static boolean matches(PodAffinityTerm term, Pod owner, Pod candidate) {
        String ns = candidate.getMetadata().getNamespace();
        boolean inNamespace;
        if (term.getNamespaces() != null && !term.getNamespaces().isEmpty()) {
            inNamespace = term.getNamespaces().contains(ns) || allNamespaces(term);
        } else if (term.getNamespaceSelector() != null) {
            inNamespace = allNamespaces(term);
        } else {
            inNamespace = ns.equals(owner.getMetadata().getNamespace());
        }
        return inNamespace && LabelSelectors.matches(term.getLabelSelector(), candidate.getMetadata().getLabels());
    }

    private static boolean allNamespaces(PodAffinityTerm term) {
        var sel = term.getNamespaceSelector();
        return sel != null && (sel.getMatchLabels() == null || sel.getMatchLabels().isEmpty())
                && (sel.getMatchExpressions() == null || sel.getMatchExpressions().isEmpty());
    }

    /** "key=value" of the node's label for the term's topology key, or null when the node lacks it. */
    static String domain(String topologyKey, Map<String, String> nodeLabels) {
        String v = nodeLabels == null ? null : nodeLabels.get(topologyKey);
        return v == null ? null : topologyKey + "=" + v;
    }

    static List<PodAffinityTerm> requiredAffinity(Pod pod) {
        Affinity a = pod.getSpec().getAffinity();
        return a == null || a.getPodAffinity() == null ? List.of() : orEmpty(a.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
    }

    static List<PodAffinityTerm> requiredAntiAffinity(Pod pod) {
        Affinity a = pod.getSpec().getAffinity();
        return a == null || a.getPodAntiAffinity() == null ? List.of() : orEmpty(a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
    }

    static List<WeightedPodAffinityTerm> preferredAffinity(Pod pod) {
        Affinity a = pod.getSpec().getAffinity();
        return a == null || a.getPodAffinity() == null ? List.of() : orEmpty(a.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution());
    }

    static List<WeightedPodAffinityTerm> preferredAntiAffinity(Pod pod) {
        Affinity a = pod.getSpec().getAffinity();
        return a == null || a.getPodAntiAffinity() == null ? List.of() : orEmpty(a.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution());
    }

    private static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }
}

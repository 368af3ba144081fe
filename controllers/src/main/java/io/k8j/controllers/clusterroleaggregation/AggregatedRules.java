package io.k8j.controllers.clusterroleaggregation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.k8j.client.LabelSelectors;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * kube's clusterrole-aggregation rule: the rules of every other ClusterRole that one of the aggregated role's
 * selectors matches, in selector order, then by name, each rule once.
 */
final class AggregatedRules {
    private AggregatedRules() {
    }

    static List<PolicyRule> of(ClusterRole aggregated, Collection<ClusterRole> all) {
        List<ClusterRole> sorted = all.stream()
                .sorted(Comparator.comparing(r -> r.getMetadata().getName())).toList();
        List<PolicyRule> rules = new ArrayList<>();
        for (LabelSelector selector : aggregated.getAggregationRule().getClusterRoleSelectors()) {
            for (ClusterRole role : sorted) {
                if (role.getMetadata().getName().equals(aggregated.getMetadata().getName())) {
                    continue;
                }
                Map<String, String> labels = role.getMetadata().getLabels() == null ? Map.of() : role.getMetadata().getLabels();
                if (!LabelSelectors.matches(selector, labels) || role.getRules() == null) {
                    continue;
                }
                for (PolicyRule rule : role.getRules()) {
                    if (!rules.contains(rule)) {
                        rules.add(rule);
                    }
                }
            }
        }
        return rules;
    }
}

package io.k8j.controllers.clusterroleaggregation;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AggregatedRulesTest {
    private static final PolicyRule READ_PODS = rule("get", "pods");
    private static final PolicyRule READ_CMS = rule("get", "configmaps");
    private static final PolicyRule WRITE_CMS = rule("create", "configmaps");

    @Test
    void collectsMatchingRolesBySelectorThenNameEachRuleOnce() {
        ClusterRole edit = aggregated("edit", Map.of("agg-edit", "true"), "agg-view", "agg-edit");
        ClusterRole view = new ClusterRoleBuilder().withNewMetadata().withName("view")
                .withLabels(Map.of("agg-edit", "true")).endMetadata().withRules(READ_PODS).build();
        ClusterRole b = role("b-view", Map.of("agg-view", "true"), READ_CMS, READ_PODS);
        ClusterRole a = role("a-view", Map.of("agg-view", "true"), READ_PODS);
        ClusterRole writer = role("writer", Map.of("agg-edit", "true"), WRITE_CMS);
        ClusterRole unrelated = role("other", Map.of("x", "y"), rule("delete", "secrets"));

        assertThat(AggregatedRules.of(edit, List.of(edit, view, b, a, writer, unrelated)))
                .containsExactly(READ_PODS, READ_CMS, WRITE_CMS);
    }

    @Test
    void nothingMatchesNoRules() {
        ClusterRole admin = aggregated("admin", Map.of(), "agg-admin");
        assertThat(AggregatedRules.of(admin, List.of(admin, role("x", Map.of(), READ_PODS)))).isEmpty();
    }

    private static ClusterRole aggregated(String name, Map<String, String> labels, String... selectorLabels) {
        ClusterRoleBuilder b = new ClusterRoleBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata();
        var rule = b.withNewAggregationRule();
        for (String label : selectorLabels) {
            rule.addNewClusterRoleSelector().withMatchLabels(Map.of(label, "true")).endClusterRoleSelector();
        }
        return rule.endAggregationRule().build();
    }

    private static ClusterRole role(String name, Map<String, String> labels, PolicyRule... rules) {
        return new ClusterRoleBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withRules(rules).build();
    }

    private static PolicyRule rule(String verb, String resource) {
        return new PolicyRuleBuilder().withApiGroups("").withResources(resource).withVerbs(verb).build();
    }
}

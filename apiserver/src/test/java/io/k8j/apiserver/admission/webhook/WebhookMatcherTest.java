package io.k8j.apiserver.admission.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import io.k8j.api.ResourceCatalog;
import io.k8j.api.ResourceType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookMatcherTest {
    private static final ResourceCatalog CATALOG = ResourceCatalog.builtIn();
    private static final Map<String, String> NAMESPACE_LABELS = Map.of("team-a", "{team: a}", "team-b", "{team: b}");
    private final WebhookMatcher matcher = new WebhookMatcher(ns -> yaml(NAMESPACE_LABELS.getOrDefault(ns, "{}")));

    private static JsonNode yaml(String text) {
        try {
            return Json.YAML.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ResourceType type(String group, String plural) {
        return CATALOG.find(group, "v1", plural).orElseThrow();
    }

    @ParameterizedTest(name = "{0} {1}/{2} {3} in {4} with {5} -> {6}")
    @CsvSource(delimiter = '|', value = {
            "CREATE | ''   | configmaps  | ''     | team-a | {}                                         | true",
            "UPDATE | ''   | configmaps  | ''     | team-a | {}                                         | true",
            "DELETE | ''   | configmaps  | ''     | team-a | {}                                         | false",
            "CREATE | ''   | secrets     | ''     | team-a | {}                                         | false",
            "CREATE | apps | deployments | ''     | team-a | {}                                         | false",
            "UPDATE | ''   | pods        | status | team-a | {}                                         | true",
            "CREATE | ''   | configmaps  | ''     | team-a | {namespaceSelector: {matchLabels: {team: a}}} | true",
            "CREATE | ''   | configmaps  | ''     | team-b | {namespaceSelector: {matchLabels: {team: a}}} | false",
            "CREATE | ''   | configmaps  | ''     | team-a | {objectSelector: {matchLabels: {hook: 'on'}}} | true",
            "CREATE | ''   | configmaps  | ''     | team-b | {objectSelector: {matchExpressions: [{key: hook, operator: DoesNotExist}]}} | false",
            "CREATE | ''   | namespaces  | ''     | ''     | {rules: [{operations: ['*'], apiGroups: ['*'], apiVersions: ['*'], resources: ['*']}], namespaceSelector: {matchLabels: {hook: 'on'}}} | true",
            "CREATE | ''   | namespaces  | ''     | ''     | {rules: [{operations: ['*'], apiGroups: ['*'], apiVersions: ['*'], resources: ['*']}], namespaceSelector: {matchLabels: {hook: 'off'}}} | false",
            "CREATE | ''   | namespaces  | ''     | ''     | {rules: [{operations: ['*'], apiGroups: ['*'], apiVersions: ['*'], resources: ['*'], scope: Namespaced}]} | false",
    })
    void rulesAndSelectorsDecide(String operation, String group, String plural, String subresource, String namespace,
                                 String overrides, boolean expected) {
        JsonNode webhook = yaml("{name: a.example.com, rules: [{operations: [CREATE, UPDATE], apiGroups: [''],"
                + " apiVersions: [v1], resources: [configmaps, pods/status], scope: '*'}],"
                + " namespaceSelector: {}, objectSelector: {}}");
        ((ObjectNode) webhook).setAll((ObjectNode) yaml(overrides));
        WebhookRequest request = new WebhookRequest(operation, type(group, plural), subresource, namespace,
                yaml("{hook: 'on'}"), null);
        assertThat(matcher.matches(webhook, request)).isEqualTo(expected);
    }
}

package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.k8j.apiserver.registry.strategy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class WebhookConfigurationStrategyTest {
    private final Fixtures.Context ctx = Fixtures.Context.empty();
    private final WebhookConfigurationStrategy mutating = new WebhookConfigurationStrategy(true);

    private static ObjectNode config(String webhook) {
        return yaml("{metadata: {name: c}, webhooks: [" + webhook + "]}");
    }

    private static List<String> described(List<FieldError> errors) {
        return errors.stream().map(FieldError::describe).toList();
    }

    @Test
    void v1DefaultsAreFilledIn() {
        ObjectNode c = config("{name: a.example.com, sideEffects: None, admissionReviewVersions: [v1],"
                + " clientConfig: {service: {name: s, namespace: n}},"
                + " rules: [{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: [configmaps]}]}");
        mutating.prepareForCreate(c, ctx);
        assertThat(c.at("/webhooks/0")).isEqualTo(yaml("{name: a.example.com, sideEffects: None,"
                + " admissionReviewVersions: [v1], clientConfig: {service: {name: s, namespace: n, port: 443}},"
                + " rules: [{operations: [CREATE], apiGroups: [''], apiVersions: [v1], resources: [configmaps], scope: '*'}],"
                + " failurePolicy: Fail, matchPolicy: Equivalent, namespaceSelector: {}, objectSelector: {},"
                + " timeoutSeconds: 10, reinvocationPolicy: Never}"));
        assertThat(mutating.validate(c)).isEmpty();
    }

    @Test
    void validatingConfigurationsHaveNoReinvocationPolicy() {
        ObjectNode c = config("{name: a.example.com}");
        new WebhookConfigurationStrategy(false).prepareForCreate(c, ctx);
        assertThat(c.at("/webhooks/0").has("reinvocationPolicy")).isFalse();
    }

    @Test
    void eachWebhookFieldIsCheckedAsKubeWordsIt() {
        ObjectNode c = config("{name: dup.example.com, failurePolicy: Maybe, timeoutSeconds: 31, sideEffects: Some,"
                + " admissionReviewVersions: [v2], clientConfig: {url: 'http://h:1/x?q=1'},"
                + " rules: [{operations: ['*', CREATE], apiGroups: [], apiVersions: [''], resources: []}]},"
                + " {name: dup.example.com, sideEffects: None, admissionReviewVersions: [v1], clientConfig: {}}");
        assertThat(described(mutating.validate(c))).containsExactly(
                "webhooks[0].rules[0].operations: Invalid value: [\"*\",\"CREATE\"]: if '*' is present, must not specify other operations",
                "webhooks[0].rules[0].apiGroups: Required value",
                "webhooks[0].rules[0].apiVersions[0]: Required value",
                "webhooks[0].rules[0].resources: Required value",
                "webhooks[0].failurePolicy: Unsupported value: \"Maybe\": supported values: \"Ignore\", \"Fail\"",
                "webhooks[0].sideEffects: Unsupported value: \"Some\": supported values: \"None\", \"NoneOnDryRun\"",
                "webhooks[0].timeoutSeconds: Invalid value: 31: the timeout value must be between 1 and 30 seconds",
                "webhooks[0].admissionReviewVersions: Invalid value: [\"v2\"]: must include at least one of v1, v1beta1",
                "webhooks[0].clientConfig.url: Invalid value: \"http\": 'https' is the only allowed URL scheme",
                "webhooks[0].clientConfig.url: Invalid value: \"q=1\": query parameters are not permitted in the URL",
                "webhooks[1].name: Duplicate value: \"dup.example.com\"",
                "webhooks[1].clientConfig: Required value: exactly one of url or service is required");
    }

    @Test
    void namesAreQualifiedAndSideEffectsAndReviewVersionsRequired() {
        ObjectNode c = config("{name: two.parts, clientConfig: {url: 'https://127.0.0.1:8443/m'}}");
        mutating.prepareForCreate(c, ctx);
        assertThat(described(mutating.validate(c))).containsExactly(
                "webhooks[0].name: Invalid value: \"two.parts\": should be a domain with at least three segments separated by dots",
                "webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun",
                "webhooks[0].admissionReviewVersions: Required value: must specify one of v1, v1beta1");
    }
}

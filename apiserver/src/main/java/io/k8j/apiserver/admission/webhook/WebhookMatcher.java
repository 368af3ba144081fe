package io.k8j.apiserver.admission.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.apiserver.registry.strategy.LabelSelectors;

import java.util.function.Function;

/**
 * Whether a webhook applies to a write, as kube's rules, namespace and object matchers decide: any rule matches the
 * operation, group, version, resource/subresource and scope; the namespace's labels match namespaceSelector (always
 * for cluster-scoped objects but Namespaces, which match with their own labels); the new or the old object's labels
 * match objectSelector.
 */
final class WebhookMatcher {
    private final Function<String, JsonNode> namespaceLabels;

    /** {@code namespaceLabels} gives a namespace's labels (empty when it is not known). */
    WebhookMatcher(Function<String, JsonNode> namespaceLabels) {
        this.namespaceLabels = namespaceLabels;
    }

    boolean matches(JsonNode webhook, WebhookRequest request) {
        boolean ruleMatches = false;
        for (JsonNode rule : webhook.path("rules")) {
            ruleMatches |= ruleMatches(rule, request);
        }
        return ruleMatches && namespaceMatches(webhook.path("namespaceSelector"), request)
                && objectMatches(webhook.path("objectSelector"), request);
    }

    static boolean ruleMatches(JsonNode rule, WebhookRequest request) {
        return listed(rule.path("operations"), request.operation())
                && listed(rule.path("apiGroups"), request.type().group())
                && listed(rule.path("apiVersions"), request.type().version())
                && resourceListed(rule.path("resources"), request.type().plural(), request.subresource())
                && scopeMatches(rule.path("scope").asText("*"), request);
    }

    private static boolean listed(JsonNode values, String value) {
        for (JsonNode v : values) {
            if (v.asText().equals("*") || v.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** "*" is every resource but no subresource; "*&#47;*" every resource and subresource. */
    private static boolean resourceListed(JsonNode resources, String resource, String subresource) {
        for (JsonNode r : resources) {
            String[] parts = r.asText().split("/", 2);
            String sub = parts.length == 2 ? parts[1] : "";
            if ((parts[0].equals("*") || parts[0].equals(resource)) && (sub.equals("*") || sub.equals(subresource))) {
                return true;
            }
        }
        return false;
    }

    private static boolean scopeMatches(String scope, WebhookRequest request) {
        return switch (scope) {
            case "Cluster" -> request.namespace().isEmpty();
            case "Namespaced" -> !request.namespace().isEmpty();
            default -> true;
        };
    }

    private boolean namespaceMatches(JsonNode selector, WebhookRequest request) {
        if (isEmpty(selector)) {
            return true;
        }
        boolean isNamespace = request.type().group().isEmpty() && request.type().plural().equals("namespaces");
        if (isNamespace) {
            return LabelSelectors.matches(selector, request.labels());
        }
        return request.namespace().isEmpty() || LabelSelectors.matches(selector, namespaceLabels.apply(request.namespace()));
    }

    private static boolean objectMatches(JsonNode selector, WebhookRequest request) {
        return isEmpty(selector) || LabelSelectors.matches(selector, request.labels())
                || request.oldLabels() != null && LabelSelectors.matches(selector, request.oldLabels());
    }

    private static boolean isEmpty(JsonNode selector) {
        return selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty();
    }
}

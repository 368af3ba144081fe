package io.k8j.apiserver.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;

import java.util.ArrayList;
import java.util.List;

/** One rbac/v1 PolicyRule and kube's matching of it against a request (rbac's RuleAllows). */
public record PolicyRule(List<String> verbs, List<String> apiGroups, List<String> resources,
                         List<String> resourceNames, List<String> nonResourceURLs) {
    public static final String ALL = "*";

    public PolicyRule {
        verbs = List.copyOf(verbs);
        apiGroups = List.copyOf(apiGroups);
        resources = List.copyOf(resources);
        resourceNames = List.copyOf(resourceNames);
        nonResourceURLs = List.copyOf(nonResourceURLs);
    }

    public static PolicyRule resources(List<String> verbs, List<String> apiGroups, List<String> resources) {
        return new PolicyRule(verbs, apiGroups, resources, List.of(), List.of());
    }

    public static PolicyRule urls(List<String> verbs, List<String> urls) {
        return new PolicyRule(verbs, List.of(), List.of(), List.of(), urls);
    }

    public static PolicyRule parse(JsonNode rule) {
        return new PolicyRule(strings(rule.path("verbs")), strings(rule.path("apiGroups")),
                strings(rule.path("resources")), strings(rule.path("resourceNames")),
                strings(rule.path("nonResourceURLs")));
    }

    public static List<PolicyRule> parseAll(JsonNode rules) {
        List<PolicyRule> out = new ArrayList<>();
        rules.forEach(r -> out.add(parse(r)));
        return out;
    }

    public boolean allows(Attributes a) {
        if (!matches(verbs, a.verb())) {
            return false;
        }
        if (!a.resourceRequest()) {
            return urlMatches(a.path());
        }
        return matches(apiGroups, a.apiGroup()) && resourceMatches(a.resourceWithSubresource(), a.subresource())
                && (resourceNames.isEmpty() || resourceNames.contains(a.name()));
    }

    private boolean resourceMatches(String combined, String subresource) {
        for (String r : resources) {
            if (r.equals(ALL) || r.equals(combined) || (!subresource.isEmpty() && r.equals("*/" + subresource))) {
                return true;
            }
        }
        return false;
    }

    private boolean urlMatches(String path) {
        for (String url : nonResourceURLs) {
            if (url.equals(ALL) || url.equals(path)
                    || (url.endsWith("*") && path.startsWith(url.substring(0, url.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<String> values, String requested) {
        return values.contains(ALL) || values.contains(requested);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.set("verbs", Json.MAPPER.valueToTree(verbs));
        if (!apiGroups.isEmpty() || !resources.isEmpty()) {
            o.set("apiGroups", Json.MAPPER.valueToTree(apiGroups));
        }
        if (!resources.isEmpty()) {
            o.set("resources", Json.MAPPER.valueToTree(resources));
        }
        if (!resourceNames.isEmpty()) {
            o.set("resourceNames", Json.MAPPER.valueToTree(resourceNames));
        }
        if (!nonResourceURLs.isEmpty()) {
            o.set("nonResourceURLs", Json.MAPPER.valueToTree(nonResourceURLs));
        }
        return o;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}

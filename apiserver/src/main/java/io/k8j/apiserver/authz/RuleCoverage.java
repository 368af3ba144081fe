package io.k8j.apiserver.authz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * kube's rbac/validation Covers: whether the rules a user holds cover the rules it grants, each granted rule broken
 * down into single verb, group, resource and name; and the missing ones compacted and printed as kube prints them
 * ({@code {APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}}).
 */
final class RuleCoverage {
    private RuleCoverage() {
    }

    /** The simple rules of {@code granted} that no rule of {@code owned} covers. */
    static List<PolicyRule> missing(List<PolicyRule> owned, List<PolicyRule> granted) {
        List<PolicyRule> missing = new ArrayList<>();
        for (PolicyRule rule : granted) {
            for (PolicyRule simple : breakdown(rule)) {
                if (owned.stream().noneMatch(o -> covers(o, simple))) {
                    missing.add(simple);
                }
            }
        }
        return missing;
    }

    static List<PolicyRule> breakdown(PolicyRule rule) {
        List<PolicyRule> out = new ArrayList<>();
        for (String group : rule.apiGroups()) {
            for (String resource : rule.resources()) {
                for (String verb : rule.verbs()) {
                    if (rule.resourceNames().isEmpty()) {
                        out.add(new PolicyRule(List.of(verb), List.of(group), List.of(resource), List.of(), List.of()));
                    }
                    for (String name : rule.resourceNames()) {
                        out.add(new PolicyRule(List.of(verb), List.of(group), List.of(resource), List.of(name), List.of()));
                    }
                }
            }
        }
        for (String url : rule.nonResourceURLs()) {
            for (String verb : rule.verbs()) {
                out.add(PolicyRule.urls(List.of(verb), List.of(url)));
            }
        }
        return out;
    }

    static boolean covers(PolicyRule owner, PolicyRule sub) {
        boolean verbs = owner.verbs().contains(PolicyRule.ALL) || owner.verbs().containsAll(sub.verbs());
        boolean groups = owner.apiGroups().contains(PolicyRule.ALL) || owner.apiGroups().containsAll(sub.apiGroups());
        boolean names = sub.resourceNames().isEmpty() ? owner.resourceNames().isEmpty()
                : owner.resourceNames().isEmpty() || owner.resourceNames().containsAll(sub.resourceNames());
        return verbs && groups && names && resourcesCovered(owner.resources(), sub.resources())
                && urlsCovered(owner.nonResourceURLs(), sub.nonResourceURLs());
    }

    private static boolean resourcesCovered(List<String> owner, List<String> wanted) {
        if (owner.contains(PolicyRule.ALL)) {
            return true;
        }
        for (String r : wanted) {
            if (!owner.contains(r) && !(r.contains("/") && owner.contains("*/" + r.split("/", 2)[1]))) {
                return false;
            }
        }
        return true;
    }

    private static boolean urlsCovered(List<String> owner, List<String> wanted) {
        for (String url : wanted) {
            boolean covered = owner.stream().anyMatch(o -> o.equals(PolicyRule.ALL) || o.equals(url)
                    || (o.endsWith("*") && url.startsWith(o.substring(0, o.length() - 1))));
            if (!covered) {
                return false;
            }
        }
        return true;
    }

    /** kube's CompactRules then CompactString, sorted: simple resource rules of one group and resource merge verbs. */
    static List<String> describe(List<PolicyRule> simpleRules) {
        Map<List<String>, List<String>> verbsByResource = new LinkedHashMap<>();
        List<PolicyRule> others = new ArrayList<>();
        for (PolicyRule r : simpleRules) {
            if (r.nonResourceURLs().isEmpty() && r.resourceNames().isEmpty()) {
                verbsByResource.computeIfAbsent(List.of(r.apiGroups().get(0), r.resources().get(0)),
                        k -> new ArrayList<>()).addAll(r.verbs());
            } else {
                others.add(r);
            }
        }
        List<PolicyRule> compact = new ArrayList<>();
        verbsByResource.forEach((k, verbs) -> compact.add(PolicyRule.resources(verbs, List.of(k.get(0)), List.of(k.get(1)))));
        compact.addAll(others);
        TreeSet<String> lines = new TreeSet<>();
        compact.forEach(r -> lines.add(compactString(r)));
        return List.copyOf(lines);
    }

    private static String compactString(PolicyRule r) {
        List<String> parts = new ArrayList<>();
        if (!r.apiGroups().isEmpty()) {
            parts.add("APIGroups:" + goQuoted(r.apiGroups()));
        }
        if (!r.resources().isEmpty()) {
            parts.add("Resources:" + goQuoted(r.resources()));
        }
        if (!r.nonResourceURLs().isEmpty()) {
            parts.add("NonResourceURLs:" + goQuoted(r.nonResourceURLs()));
        }
        if (!r.resourceNames().isEmpty()) {
            parts.add("ResourceNames:" + goQuoted(r.resourceNames()));
        }
        if (!r.verbs().isEmpty()) {
            parts.add("Verbs:" + goQuoted(r.verbs()));
        }
        return "{" + String.join(", ", parts) + "}";
    }

    /** Go's %q of a []string: {@code ["a" "b"]}. */
    static String goQuoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(" ", "[", "]"));
    }
}

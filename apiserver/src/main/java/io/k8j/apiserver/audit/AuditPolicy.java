package io.k8j.apiserver.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * kube's audit Policy (audit.k8s.io/v1): the first rule that matches a request gives its level; no rule, None.
 * Rules match on users, userGroups, verbs, namespaces, resources (group, resources with "*" and "res/sub" forms,
 * resourceNames) and nonResourceURLs (exact, or a prefix ending in "*"), as kube's policy checker does.
 */
public final class AuditPolicy {
    private static final Set<String> STAGES = Set.of("RequestReceived", "ResponseStarted", "ResponseComplete", "Panic");

    /** What a rule looks at in a request; {@code resource} null for a non-resource request. */
    public record Request(String user, List<String> groups, String verb, String apiGroup, String resource,
                          String subresource, String namespace, String name, String path) {
    }

    record GroupResources(String group, List<String> resources, List<String> resourceNames) {
    }

    record Rule(Level level, List<String> users, List<String> userGroups, List<String> verbs, List<String> namespaces,
                List<GroupResources> resources, List<String> nonResourceUrls, List<String> omitStages) {
    }

    private final List<Rule> rules;
    private final List<String> omitStages;

    AuditPolicy(List<Rule> rules, List<String> omitStages) {
        this.rules = rules;
        this.omitStages = omitStages;
    }

    /** The level and stages of a request: the first matching rule's, else None. */
    public Decision decide(Request r) {
        for (Rule rule : rules) {
            if (matches(rule, r)) {
                List<String> omitted = new ArrayList<>(omitStages);
                omitted.addAll(rule.omitStages());
                return new Decision(rule.level(), omitted);
            }
        }
        return new Decision(Level.None, omitStages);
    }

    public record Decision(Level level, List<String> omitStages) {
        public boolean records(String stage) {
            return level != Level.None && !omitStages.contains(stage);
        }
    }

    /** Throws IllegalArgumentException naming the file and the fault. */
    public static AuditPolicy read(Path file) {
        try {
            return parse(Json.YAML.readTree(Files.readAllBytes(file)));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    static AuditPolicy parse(JsonNode root) {
        if (!"Policy".equals(root.path("kind").asText()) || !"audit.k8s.io/v1".equals(root.path("apiVersion").asText())) {
            throw new IllegalArgumentException("expected kind Policy of apiVersion audit.k8s.io/v1");
        }
        List<Rule> rules = new ArrayList<>();
        for (JsonNode r : root.path("rules")) {
            Level level;
            try {
                level = Level.valueOf(r.path("level").asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rule level must be None, Metadata, Request or RequestResponse, not \""
                        + r.path("level").asText() + "\"");
            }
            List<GroupResources> resources = new ArrayList<>();
            for (JsonNode g : r.path("resources")) {
                resources.add(new GroupResources(g.path("group").asText(""), strings(g.path("resources")),
                        strings(g.path("resourceNames"))));
            }
            rules.add(new Rule(level, strings(r.path("users")), strings(r.path("userGroups")), strings(r.path("verbs")),
                    strings(r.path("namespaces")), resources, strings(r.path("nonResourceURLs")), stages(r.path("omitStages"))));
        }
        return new AuditPolicy(rules, stages(root.path("omitStages")));
    }

    private static boolean matches(Rule rule, Request r) {
        if (!rule.users().isEmpty() && !rule.users().contains(r.user())) {
            return false;
        }
        if (!rule.userGroups().isEmpty() && r.groups().stream().noneMatch(rule.userGroups()::contains)) {
            return false;
        }
        if (!rule.verbs().isEmpty() && !rule.verbs().contains(r.verb())) {
            return false;
        }
        if (rule.namespaces().isEmpty() && rule.resources().isEmpty() && rule.nonResourceUrls().isEmpty()) {
            return true;
        }
        // a rule is about resources (namespaces, resources) or about other paths (nonResourceURLs), never both
        if (r.resource() != null) {
            return rule.nonResourceUrls().isEmpty() && matchesResource(rule, r);
        }
        return matchesPath(rule.nonResourceUrls(), r.path());
    }

    private static boolean matchesResource(Rule rule, Request r) {
        String ns = r.namespace() == null ? "" : r.namespace();
        if (!rule.namespaces().isEmpty() && !rule.namespaces().contains(ns)) {
            return false;
        }
        if (rule.resources().isEmpty()) {
            return true;
        }
        String full = r.subresource() == null ? r.resource() : r.resource() + "/" + r.subresource();
        for (GroupResources g : rule.resources()) {
            if (!g.group().equals(r.apiGroup())) {
                continue;
            }
            if (g.resources().isEmpty()) {
                return true;
            }
            for (String res : g.resources()) {
                boolean match = res.equals(full) || res.equals("*")
                        || (r.subresource() != null && (res.equals("*/" + r.subresource()) || res.equals(r.resource() + "/*")));
                if (match && (g.resourceNames().isEmpty() || g.resourceNames().contains(r.name()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matchesPath(List<String> urls, String path) {
        for (String url : urls) {
            if (url.equals("*") || url.equals(path) || (url.endsWith("*") && path.startsWith(url.substring(0, url.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> stages(JsonNode array) {
        List<String> out = strings(array);
        for (String s : out) {
            if (!STAGES.contains(s)) {
                throw new IllegalArgumentException("unknown stage " + s + " in omitStages");
            }
        }
        return out;
    }
}

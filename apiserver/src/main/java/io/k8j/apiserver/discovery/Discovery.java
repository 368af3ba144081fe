package io.k8j.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import io.k8j.api.ResourceCatalog;
import io.k8j.api.ResourceType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The discovery documents, legacy ({@code APIVersions}, {@code APIGroupList}, {@code APIResourceList}) and
 * aggregated ({@code APIGroupDiscoveryList} v2 and v2beta1), all derived from the resource catalog.
 */
public final class Discovery {
    private static final Map<String, List<String>> SUBRESOURCE_VERBS = Map.ofEntries(
            Map.entry("status", List.of("get", "patch", "update")),
            Map.entry("ephemeralcontainers", List.of("get", "patch", "update")),
            Map.entry("scale", List.of("get", "patch", "update")),
            Map.entry("binding", List.of("create")),
            Map.entry("eviction", List.of("create")),
            Map.entry("log", List.of("get")),
            Map.entry("exec", List.of("create", "get")),
            Map.entry("attach", List.of("create", "get")),
            Map.entry("portforward", List.of("create", "get")),
            Map.entry("proxy", List.of("create", "delete", "get", "patch", "update")),
            Map.entry("finalize", List.of("update")),
            Map.entry("token", List.of("create")));

    private final ResourceCatalog catalog;

    public Discovery(ResourceCatalog catalog) {
        this.catalog = catalog;
    }

    public ObjectNode apiVersions(String serverAddress) {
        ObjectNode doc = Json.object().put("kind", "APIVersions");
        doc.putArray("versions").add("v1");
        doc.putArray("serverAddressByClientCIDRs").addObject()
                .put("clientCIDR", "0.0.0.0/0").put("serverAddress", serverAddress);
        return doc;
    }

    public ObjectNode groupList() {
        ObjectNode doc = Json.object().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode groups = doc.putArray("groups");
        groups().forEach((name, versions) -> groups.add(group(name, versions)));
        return doc;
    }

    /** The APIGroup document of {@code name}, or null when no such group is served. */
    public ObjectNode group(String name) {
        List<String> versions = groups().get(name);
        return versions == null ? null : group(name, versions);
    }

    private ObjectNode group(String name, List<String> versions) {
        ObjectNode g = Json.object().put("kind", "APIGroup").put("apiVersion", "v1").put("name", name);
        ArrayNode vs = g.putArray("versions");
        versions.forEach(v -> vs.addObject().put("groupVersion", name + "/" + v).put("version", v));
        g.putObject("preferredVersion").put("groupVersion", name + "/" + versions.get(0)).put("version", versions.get(0));
        return g;
    }

    /** Named groups (not the core group) and their versions, in catalog order. */
    private Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (ResourceType t : catalog.all()) {
            if (!t.group().isEmpty()) {
                List<String> versions = groups.computeIfAbsent(t.group(), g -> new ArrayList<>());
                if (!versions.contains(t.version())) {
                    versions.add(t.version());
                }
            }
        }
        return groups;
    }

    /** The APIResourceList of a group-version ("v1", "apps/v1"), or null when it is not served. */
    public ObjectNode resourceList(String groupVersion) {
        List<ResourceType> types = catalog.inGroupVersion(groupVersion);
        if (types.isEmpty()) {
            return null;
        }
        ObjectNode doc = Json.object().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
        ArrayNode resources = doc.putArray("resources");
        for (ResourceType t : types) {
            ObjectNode r = resources.addObject().put("name", t.plural()).put("singularName", t.singular())
                    .put("namespaced", t.namespaced()).put("kind", t.kind());
            strings(r.putArray("verbs"), t.verbs());
            if (!t.shortNames().isEmpty()) {
                strings(r.putArray("shortNames"), t.shortNames());
            }
            if (!t.categories().isEmpty()) {
                strings(r.putArray("categories"), t.categories());
            }
            for (String sub : sorted(t)) {
                ObjectNode s = resources.addObject().put("name", t.plural() + "/" + sub).put("singularName", "")
                        .put("namespaced", t.namespaced());
                ObjectNode kind = subresourceKind(t, sub);
                if (!kind.path("group").asText().equals(t.group()) || !kind.path("version").asText().equals(t.version())) {
                    s.put("group", kind.path("group").asText()).put("version", kind.path("version").asText());
                }
                s.put("kind", kind.path("kind").asText());
                strings(s.putArray("verbs"), SUBRESOURCE_VERBS.getOrDefault(sub, List.of("get")));
            }
        }
        return doc;
    }

    /** The aggregated document for /api (core) or /apis (all named groups), in version "v2" or "v2beta1". */
    public ObjectNode aggregated(boolean core, String version) {
        ObjectNode doc = Json.object().put("kind", "APIGroupDiscoveryList")
                .put("apiVersion", "apidiscovery.k8s.io/" + version);
        doc.putObject("metadata");
        ArrayNode items = doc.putArray("items");
        if (core) {
            ObjectNode item = items.addObject();
            item.putObject("metadata");
            versionEntry(item.putArray("versions"), "v1");
        } else {
            groups().forEach((name, versions) -> {
                ObjectNode item = items.addObject();
                item.putObject("metadata").put("name", name);
                ArrayNode vs = item.putArray("versions");
                versions.forEach(v -> versionEntry(vs, name + "/" + v));
            });
        }
        return doc;
    }

    private void versionEntry(ArrayNode versions, String groupVersion) {
        List<ResourceType> types = catalog.inGroupVersion(groupVersion);
        ObjectNode v = versions.addObject().put("version", types.get(0).version()).put("freshness", "Current");
        ArrayNode resources = v.putArray("resources");
        for (ResourceType t : types) {
            ObjectNode r = resources.addObject().put("resource", t.plural());
            r.set("responseKind", kindOf(t.group(), t.version(), t.kind()));
            r.put("scope", t.namespaced() ? "Namespaced" : "Cluster").put("singularResource", t.singular());
            strings(r.putArray("verbs"), t.verbs());
            if (!t.shortNames().isEmpty()) {
                strings(r.putArray("shortNames"), t.shortNames());
            }
            if (!t.categories().isEmpty()) {
                strings(r.putArray("categories"), t.categories());
            }
            if (!t.subresources().isEmpty()) {
                ArrayNode subs = r.putArray("subresources");
                for (String sub : sorted(t)) {
                    ObjectNode s = subs.addObject().put("subresource", sub);
                    s.set("responseKind", subresourceKind(t, sub));
                    strings(s.putArray("verbs"), SUBRESOURCE_VERBS.getOrDefault(sub, List.of("get")));
                }
            }
        }
    }

    private static ObjectNode subresourceKind(ResourceType t, String sub) {
        return switch (sub) {
            case "scale" -> kindOf("autoscaling", "v1", "Scale");
            case "binding" -> kindOf("", "v1", "Binding");
            case "eviction" -> kindOf("policy", "v1", "Eviction");
            case "status", "finalize", "ephemeralcontainers" -> kindOf(t.group(), t.version(), t.kind());
            case "exec" -> kindOf("", "v1", "PodExecOptions");
            case "attach" -> kindOf("", "v1", "PodAttachOptions");
            case "portforward" -> kindOf("", "v1", "PodPortForwardOptions");
            case "log" -> kindOf("", "v1", "Pod");
            case "token" -> kindOf("authentication.k8s.io", "v1", "TokenRequest");
            default -> kindOf("", "v1", t.kind().equals("Pod") ? "PodProxyOptions" : t.kind() + "ProxyOptions");
        };
    }

    private static ObjectNode kindOf(String group, String version, String kind) {
        return Json.object().put("group", group).put("version", version).put("kind", kind);
    }

    private static List<String> sorted(ResourceType t) {
        return t.subresources().stream().sorted().toList();
    }

    private static void strings(ArrayNode arr, List<String> values) {
        values.forEach(arr::add);
    }
}

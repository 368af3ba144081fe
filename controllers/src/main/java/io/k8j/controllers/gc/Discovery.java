package io.k8j.controllers.gc;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resources the collector can watch and delete, by "apiVersion|kind" (how ownerReferences name
 * their owners), in each group's preferred version. Events are left out as kube's collector does: they are many and never owners.
 */
final class Discovery {
    private static final Set<String> IGNORED = Set.of("events");
    private static final List<String> VERBS = List.of("list", "watch", "delete");

    private Discovery() {
    }

    static Map<String, ResourceDefinitionContext> resources(KubernetesClient client) {
        List<String> groupVersions = new ArrayList<>(List.of("v1"));
        for (APIGroup group : client.getApiGroups().getGroups()) {
            groupVersions.add(group.getPreferredVersion().getGroupVersion());
        }
        Map<String, ResourceDefinitionContext> out = new HashMap<>();
        for (String gv : groupVersions) {
            for (APIResource r : client.getApiResources(gv).getResources()) {
                if (!r.getName().contains("/") && !IGNORED.contains(r.getName()) && r.getVerbs().containsAll(VERBS)) {
                    int slash = gv.indexOf('/');
                    out.put(gv + "|" + r.getKind(), new ResourceDefinitionContext.Builder()
                            .withGroup(slash < 0 ? "" : gv.substring(0, slash))
                            .withVersion(slash < 0 ? gv : gv.substring(slash + 1))
                            .withPlural(r.getName()).withKind(r.getKind())
                            .withNamespaced(Boolean.TRUE.equals(r.getNamespaced())).build());
                }
            }
        }
        return out;
    }

    /** "apiVersion|kind" of a resource, the key {@link #resources} uses. */
    static String id(ResourceDefinitionContext ctx) {
        String gv = ctx.getGroup() == null || ctx.getGroup().isEmpty() ? ctx.getVersion() : ctx.getGroup() + "/" + ctx.getVersion();
        return gv + "|" + ctx.getKind();
    }
}

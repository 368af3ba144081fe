package io.k8j.controllers.namespace;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.ArrayList;
import java.util.List;

/** Deletes everything a namespace holds, resource by resource, as found through discovery. */
final class NamespaceContent {
    private final KubernetesClient client;

    NamespaceContent(KubernetesClient client) {
        this.client = client;
    }

    /** Issues a deletecollection for every namespaced resource; true when the namespace is empty. */
    boolean deleteAll(String namespace) {
        boolean empty = true;
        for (ResourceDefinitionContext resource : namespacedResources()) {
            var objects = client.genericKubernetesResources(resource).inNamespace(namespace);
            if (!objects.list().getItems().isEmpty()) {
                objects.delete();
                empty = empty && objects.list().getItems().isEmpty();
            }
        }
        return empty;
    }

    private List<ResourceDefinitionContext> namespacedResources() {
        List<String> groupVersions = new ArrayList<>(List.of("v1"));
        for (APIGroup group : client.getApiGroups().getGroups()) {
            groupVersions.add(group.getPreferredVersion().getGroupVersion());
        }
        List<ResourceDefinitionContext> out = new ArrayList<>();
        for (String gv : groupVersions) {
            for (APIResource r : client.getApiResources(gv).getResources()) {
                if (Boolean.TRUE.equals(r.getNamespaced()) && !r.getName().contains("/")
                        && r.getVerbs().contains("deletecollection")) {
                    int slash = gv.indexOf('/');
                    out.add(new ResourceDefinitionContext.Builder()
                            .withGroup(slash < 0 ? "" : gv.substring(0, slash))
                            .withVersion(slash < 0 ? gv : gv.substring(slash + 1))
                            .withPlural(r.getName()).withKind(r.getKind()).withNamespaced(true).build());
                }
            }
        }
        return out;
    }
}

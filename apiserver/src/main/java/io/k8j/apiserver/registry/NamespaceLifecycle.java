package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;

/** Refuses new objects in namespaces that do not exist or are being terminated, as kube's admission does. */
final class NamespaceLifecycle implements NamespaceGuard {
    private final Registry registry;

    NamespaceLifecycle(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void requireWritable(String namespace) {
        ObjectNode ns = registry.namespaces().get(null, namespace);
        boolean terminating = Meta.isDeleting(ns) || "Terminating".equals(ns.path("status").path("phase").asText());
        if (terminating) {
            ObjectNode details = Json.object().put("name", namespace).put("kind", "namespaces");
            details.putArray("causes").addObject().put("reason", "NamespaceTerminating")
                    .put("message", "namespace " + namespace + " is being terminated").put("field", "metadata.namespace");
            throw new ApiException(403, "Forbidden", "unable to create new content in namespace " + namespace
                    + " because it is being terminated", details);
        }
    }
}

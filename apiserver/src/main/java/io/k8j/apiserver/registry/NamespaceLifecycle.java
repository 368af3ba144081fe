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

    /**
     * As kube's admission plugin: the cached namespace answers when it is there and active; only a
     * missing or terminating one is confirmed with a consistent read, so creates cost no extra round trip.
     */
    @Override
    public void requireWritable(String namespace) {
        ObjectNode cached = registry.namespaces().reader().getRecent(null, namespace);
        if (cached != null && !isTerminating(cached)) {
            return;
        }
        ObjectNode ns = registry.namespaces().get(null, namespace);
        if (isTerminating(ns)) {
            ObjectNode details = Json.object().put("name", namespace).put("kind", "namespaces");
            details.putArray("causes").addObject().put("reason", "NamespaceTerminating")
                    .put("message", "namespace " + namespace + " is being terminated").put("field", "metadata.namespace");
            throw new ApiException(403, "Forbidden", "unable to create new content in namespace " + namespace
                    + " because it is being terminated", details);
        }
    }

    private static boolean isTerminating(ObjectNode ns) {
        return Meta.isDeleting(ns) || "Terminating".equals(ns.path("status").path("phase").asText());
    }
}

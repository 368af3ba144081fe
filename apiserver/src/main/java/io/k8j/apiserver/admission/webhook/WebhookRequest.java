package io.k8j.apiserver.admission.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.registry.AdmissionRequest;
import io.k8j.apiserver.registry.Meta;

/**
 * The attributes of a write that webhook rules and selectors match on.
 *
 * @param namespace "" for a cluster-scoped resource
 * @param subresource "" for the object itself
 */
record WebhookRequest(String operation, ResourceType type, String subresource, String namespace, JsonNode labels,
                      JsonNode oldLabels) {
    static WebhookRequest of(AdmissionRequest request) {
        String namespace = request.type().namespaced() ? Meta.namespace(request.obj()) : "";
        return new WebhookRequest(request.isCreate() ? "CREATE" : "UPDATE", request.type(),
                request.subresource() == null ? "" : request.subresource(), namespace == null ? "" : namespace,
                request.obj().path("metadata").path("labels"),
                request.old() == null ? null : request.old().path("metadata").path("labels"));
    }
}

package io.k8j.apiserver.authz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;

/**
 * kube's 403 for a request that no authorizer allowed (responsewriters.Forbidden over apierrors.NewForbidden):
 * {@code configmaps "x" is forbidden: User "bob" cannot delete resource "configmaps" in API group "" in the
 * namespace "sec"}, "at the cluster scope" without a namespace, and {@code forbidden: User "bob" cannot get path
 * "/metrics"} for non-resource paths.
 */
public final class Forbidden {
    private Forbidden() {
    }

    public static ApiException of(Attributes a, String reason) {
        String message = message(a) + (reason.isEmpty() ? "" : ": " + reason);
        if (!a.resourceRequest()) {
            return new ApiException(403, "Forbidden", "forbidden: " + message, Json.object());
        }
        String qualified = a.apiGroup().isEmpty() ? a.resource() : a.resource() + "." + a.apiGroup();
        String prefix = a.name().isEmpty() ? qualified : qualified + " \"" + a.name() + "\"";
        ObjectNode details = Json.object();
        if (!a.name().isEmpty()) {
            details.put("name", a.name());
        }
        if (!a.apiGroup().isEmpty()) {
            details.put("group", a.apiGroup());
        }
        details.put("kind", a.resource());
        return new ApiException(403, "Forbidden", prefix + " is forbidden: " + message, details);
    }

    /** kube's forbiddenMessage: what the user could not do. */
    public static String message(Attributes a) {
        String user = "User \"" + a.user().name() + "\" cannot " + a.verb();
        if (!a.resourceRequest()) {
            return user + " path \"" + a.path() + "\"";
        }
        String scope = a.namespace().isEmpty() ? "at the cluster scope" : "in the namespace \"" + a.namespace() + "\"";
        return user + " resource \"" + a.resourceWithSubresource() + "\" in API group \"" + a.apiGroup() + "\" " + scope;
    }
}

package io.k8j.apiserver.admission.noderestriction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.apiserver.authz.NodeIdentity;
import io.k8j.apiserver.http.ApiRequest;
import io.k8j.apiserver.http.RequestFilter;
import io.k8j.apiserver.http.RequestInfo;
import io.k8j.apiserver.http.UserInfo;
import io.k8j.apiserver.registry.Meta;

import java.util.function.BiFunction;

/**
 * NodeRestriction for the kubelet's writes that are no create or update of a stored object, so that
 * {@link NodeRestriction} does not see them: deleting and evicting pods (only those bound to the node), as a
 * filter after authorization, and TokenRequests (only bound to a pod of the node, with its uid), which the token
 * handler checks once it has decoded the request.
 */
public final class NodeRequests implements RequestFilter {
    private final BiFunction<String, String, ObjectNode> pods;

    /** {@code pods}: a pod by namespace and name; a missing one is kube's 404. */
    public NodeRequests(BiFunction<String, String, ObjectNode> pods) {
        this.pods = pods;
    }

    @Override
    public void filter(ApiRequest request, RequestInfo info) {
        String node = NodeIdentity.nodeName(request.user());
        if (node == null || info == null || !info.group().isEmpty() || info.name() == null) {
            return;
        }
        String sub = info.subresource() == null ? "" : info.subresource();
        if (info.resource().equals("pods") && info.verb().equals("delete") && sub.isEmpty()) {
            requireNode(node, request, info);
            if (!node.equals(nodeOf(info.namespace(), info.name()))) {
                throw forbidden(info.resource(), info.name(),
                        "node \"" + node + "\" can only delete pods with spec.nodeName set to itself");
            }
        } else if (info.resource().equals("pods") && info.verb().equals("create") && sub.equals("eviction")) {
            requireNode(node, request, info);
            if (!node.equals(nodeOf(info.namespace(), info.name()))) {
                throw forbidden(info.resource(), info.name(),
                        "node " + node + " can only evict pods with spec.nodeName set to itself");
            }
        }
    }

    /**
     * A TokenRequest ({@code tokenRequest}) for service account {@code account} by {@code user}: a node's must be
     * bound to a pod bound to the node, by name and uid; others' are not this plugin's concern.
     */
    public static void admitToken(UserInfo user, String namespace, String account, JsonNode tokenRequest,
                                  BiFunction<String, String, ObjectNode> pods) {
        String node = NodeIdentity.nodeName(user);
        if (node == null) {
            return;
        }
        if (node.isEmpty()) {
            throw forbidden("serviceaccounts", account, "could not determine node from user \"" + user.name() + "\"");
        }
        JsonNode ref = tokenRequest.path("spec").path("boundObjectRef");
        if (!ref.path("apiVersion").asText().equals("v1") || !ref.path("kind").asText().equals("Pod")
                || ref.path("name").asText("").isEmpty()) {
            throw forbidden("serviceaccounts", account, "node requested token not bound to a pod");
        }
        if (ref.path("uid").asText("").isEmpty()) {
            throw forbidden("serviceaccounts", account, "node requested token with a pod binding without a uid");
        }
        ObjectNode pod = pods.apply(namespace, ref.path("name").asText());
        if (!ref.path("uid").asText().equals(Meta.uid(pod))) {
            throw forbidden("serviceaccounts", account, "the UID in the bound object reference (" + ref.path("uid").asText()
                    + ") does not match the UID in record. The object might have been deleted and then recreated");
        }
        if (!node.equals(pod.path("spec").path("nodeName").asText(""))) {
            throw forbidden("serviceaccounts", account, "node requested token bound to a pod scheduled on a different node");
        }
    }

    private String nodeOf(String namespace, String name) {
        return pods.apply(namespace, name).path("spec").path("nodeName").asText("");
    }

    private static void requireNode(String node, ApiRequest request, RequestInfo info) {
        if (node.isEmpty()) {
            throw forbidden(info.resource(), info.name(),
                    "could not determine node from user \"" + request.user().name() + "\"");
        }
    }

    /** kube's admission.NewForbidden for a core resource. */
    private static ApiException forbidden(String resource, String name, String why) {
        return new ApiException(403, "Forbidden", resource + " \"" + name + "\" is forbidden: " + why,
                Json.object().put("name", name).put("kind", resource));
    }
}

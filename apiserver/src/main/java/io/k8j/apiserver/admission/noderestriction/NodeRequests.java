package io.k8j.apiserver.admission.noderestriction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.apiserver.authz.NodeIdentity;
import io.k8j.apiserver.http.ApiRequest;
import io.k8j.apiserver.http.RequestFilter;
import io.k8j.apiserver.http.RequestInfo;
import io.k8j.apiserver.registry.Meta;

import java.io.IOException;
import java.util.function.BiFunction;

/**
 * NodeRestriction for the kubelet's writes that are no create or update of a stored object, so that
 * {@link NodeRestriction} does not see them: deleting and evicting pods (only those bound to the node), and
 * TokenRequests (only bound to a pod of the node, with its uid). Runs after authorization, as admission does.
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
                throw forbidden(info, "node \"" + node + "\" can only delete pods with spec.nodeName set to itself");
            }
        } else if (info.resource().equals("pods") && info.verb().equals("create") && sub.equals("eviction")) {
            requireNode(node, request, info);
            if (!node.equals(nodeOf(info.namespace(), info.name()))) {
                throw forbidden(info, "node " + node + " can only evict pods with spec.nodeName set to itself");
            }
        } else if (info.resource().equals("serviceaccounts") && info.verb().equals("create") && sub.equals("token")) {
            requireNode(node, request, info);
            admitToken(node, info, request.body());
        }
    }

    private void admitToken(String node, RequestInfo info, byte[] body) {
        JsonNode ref;
        try {
            ref = Json.LENIENT.readTree(body).path("spec").path("boundObjectRef");
        } catch (IOException e) {
            throw forbidden(info, "unexpected type");
        }
        if (!ref.path("apiVersion").asText().equals("v1") || !ref.path("kind").asText().equals("Pod")
                || ref.path("name").asText("").isEmpty()) {
            throw forbidden(info, "node requested token not bound to a pod");
        }
        if (ref.path("uid").asText("").isEmpty()) {
            throw forbidden(info, "node requested token with a pod binding without a uid");
        }
        ObjectNode pod = pods.apply(info.namespace(), ref.path("name").asText());
        if (!ref.path("uid").asText().equals(Meta.uid(pod))) {
            throw forbidden(info, "the UID in the bound object reference (" + ref.path("uid").asText()
                    + ") does not match the UID in record. The object might have been deleted and then recreated");
        }
        if (!node.equals(pod.path("spec").path("nodeName").asText(""))) {
            throw forbidden(info, "node requested token bound to a pod scheduled on a different node");
        }
    }

    private String nodeOf(String namespace, String name) {
        return pods.apply(namespace, name).path("spec").path("nodeName").asText("");
    }

    private static void requireNode(String node, ApiRequest request, RequestInfo info) {
        if (node.isEmpty()) {
            throw forbidden(info, "could not determine node from user \"" + request.user().name() + "\"");
        }
    }

    /** kube's admission.NewForbidden over the request's resource and name. */
    private static ApiException forbidden(RequestInfo info, String why) {
        return new ApiException(403, "Forbidden", info.resource() + " \"" + info.name() + "\" is forbidden: " + why,
                Json.object().put("name", info.name()).put("kind", info.resource()));
    }
}

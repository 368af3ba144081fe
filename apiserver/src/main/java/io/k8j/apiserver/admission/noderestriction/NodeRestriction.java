package io.k8j.apiserver.admission.noderestriction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.apiserver.authz.NodeIdentity;
import io.k8j.apiserver.authz.PodReferences;
import io.k8j.apiserver.http.UserInfo;
import io.k8j.apiserver.registry.Admission;
import io.k8j.apiserver.registry.AdmissionRequest;
import io.k8j.apiserver.registry.Meta;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * kube's NodeRestriction admission plugin, for writes by a kubelet ({@code system:node:NAME} in
 * {@code system:nodes}): it may write only its own Node (not its taints, nor labels outside the kubelet's set),
 * create only mirror pods bound to and owned by itself that name no secret, configmap or claim, update the status
 * only of pods bound to itself, and write only its own Lease in kube-node-lease. Other users are not its concern.
 */
public final class NodeRestriction implements Admission {
    private static final String MIRROR = "kubernetes.io/config.mirror";
    private static final String LEASE_NAMESPACE = "kube-node-lease";
    /** kubeletapis.IsKubeletLabel: the kubernetes.io and k8s.io labels a kubelet may set on its Node. */
    private static final Set<String> KUBELET_LABELS = Set.of("kubernetes.io/hostname", "topology.kubernetes.io/zone",
            "topology.kubernetes.io/region", "failure-domain.beta.kubernetes.io/zone",
            "failure-domain.beta.kubernetes.io/region", "beta.kubernetes.io/instance-type",
            "node.kubernetes.io/instance-type", "kubernetes.io/os", "kubernetes.io/arch", "beta.kubernetes.io/os",
            "beta.kubernetes.io/arch");
    private static final List<String> KUBELET_LABEL_NAMESPACES = List.of("kubelet.kubernetes.io", "node.kubernetes.io");

    private final Function<String, ObjectNode> nodes;

    /** {@code nodes}: a Node by name, null when there is none (to check a mirror pod's owner uid). */
    public NodeRestriction(Function<String, ObjectNode> nodes) {
        this.nodes = nodes;
    }

    @Override
    public void admit(AdmissionRequest request) {
        String node = NodeIdentity.nodeName(user(request.options().user()));
        if (node == null) {
            return;
        }
        if (node.isEmpty()) {
            throw forbidden(request, "could not determine node from user \""
                    + request.options().user().path("username").asText() + "\"");
        }
        String sub = request.subresource() == null ? "" : request.subresource();
        switch (request.type().qualifiedName()) {
            case "pods" -> {
                switch (sub) {
                    case "" -> admitPod(node, request);
                    case "status" -> admitPodStatus(node, request);
                    default -> throw forbidden(request, "unexpected pod subresource \"" + sub
                            + "\", only 'status' and 'eviction' are allowed");
                }
            }
            case "nodes" -> admitNode(node, request);
            case "persistentvolumeclaims" -> {
                if (!sub.equals("status")) {
                    throw forbidden(request, "may only update PVC status");
                }
            }
            case "leases.coordination.k8s.io" -> admitLease(node, request);
            default -> {
            }
        }
    }

    private void admitPod(String node, AdmissionRequest request) {
        if (!request.isCreate()) {
            throw forbidden(request, "unexpected operation \"UPDATE\", node \"" + node
                    + "\" can only create and delete mirror pods");
        }
        ObjectNode pod = request.obj();
        if (!pod.path("metadata").path("annotations").has(MIRROR)) {
            throw forbidden(request, "pod does not have \"" + MIRROR + "\" annotation, node \"" + node
                    + "\" can only create mirror pods");
        }
        if (!pod.path("spec").path("nodeName").asText("").equals(node)) {
            throw forbidden(request, "node \"" + node + "\" can only create pods with spec.nodeName set to itself");
        }
        JsonNode owners = pod.path("metadata").path("ownerReferences");
        if (owners.size() > 1) {
            throw forbidden(request, "node \"" + node + "\" can only create pods with a single owner reference set to itself");
        }
        JsonNode owner = owners.path(0);
        if (owners.isEmpty() || !owner.path("apiVersion").asText().equals("v1")
                || !owner.path("kind").asText().equals("Node") || !owner.path("name").asText().equals(node)) {
            throw forbidden(request, "node \"" + node + "\" can only create pods with an owner reference set to itself");
        }
        if (!owner.path("controller").asBoolean(false)) {
            throw forbidden(request, "node \"" + node + "\" can only create pods with a controller owner reference set to itself");
        }
        if (owner.path("blockOwnerDeletion").asBoolean(false)) {
            throw forbidden(request, "node \"" + node + "\" must not set blockOwnerDeletion on an owner reference");
        }
        ObjectNode self = nodes.apply(node);
        if (self == null) {
            throw ApiException.notFound("nodes \"" + node + "\" not found");
        }
        if (!Objects.equals(owner.path("uid").asText(""), Meta.uid(self))) {
            throw forbidden(request, "node " + node + " UID mismatch: expected " + owner.path("uid").asText("")
                    + " got " + Meta.uid(self));
        }
        if (!pod.path("spec").path("serviceAccountName").asText("").isEmpty()) {
            throw forbidden(request, "node \"" + node + "\" can not create pods that reference a service account");
        }
        Set<String> refs = PodReferences.of(pod);
        for (String kind : List.of("secrets", "configmaps")) {
            if (refs.stream().anyMatch(r -> r.startsWith(kind + "/"))) {
                throw forbidden(request, "node \"" + node + "\" can not create pods that reference " + kind);
            }
        }
        for (JsonNode v : pod.path("spec").path("volumes")) {
            if (v.has("persistentVolumeClaim")) {
                throw forbidden(request, "node \"" + node + "\" can not create pods that reference persistentvolumeclaims");
            }
        }
    }

    private static void admitPodStatus(String node, AdmissionRequest request) {
        if (request.isCreate()) {
            throw forbidden(request, "unexpected operation \"CREATE\"");
        }
        if (!request.old().path("spec").path("nodeName").asText("").equals(node)) {
            throw forbidden(request, "node \"" + node
                    + "\" can only update pod status for pods with spec.nodeName set to itself");
        }
        if (!labels(request.old()).equals(labels(request.obj()))) {
            throw forbidden(request, "node \"" + node + "\" cannot update labels through pod status");
        }
    }

    private static void admitNode(String node, AdmissionRequest request) {
        String name = Meta.name(request.obj());
        if (!node.equals(name)) {
            throw forbidden(request, "node \"" + node + "\" is not allowed to modify node \"" + name + "\"");
        }
        if (request.isCreate()) {
            Set<String> forbidden = forbiddenLabels(labels(request.obj()), Json.object());
            if (!forbidden.isEmpty()) {
                throw forbidden(request, "node \"" + node + "\" is not allowed to set the following labels: "
                        + String.join(", ", forbidden));
            }
            return;
        }
        if (!Objects.equals(taints(request.obj()), taints(request.old()))) {
            throw forbidden(request, "node \"" + node + "\" is not allowed to modify taints");
        }
        Set<String> forbidden = forbiddenLabels(labels(request.obj()), labels(request.old()));
        if (!forbidden.isEmpty()) {
            throw forbidden(request, "is not allowed to modify labels: " + String.join(", ", forbidden));
        }
    }

    private static void admitLease(String node, AdmissionRequest request) {
        if (!Objects.equals(Meta.namespace(request.obj()), LEASE_NAMESPACE)) {
            throw forbidden(request, "can only access leases in the \"" + LEASE_NAMESPACE + "\" system namespace");
        }
        if (!node.equals(Meta.name(request.obj()))) {
            throw forbidden(request, "can only access node lease with the same name as the requesting node");
        }
    }

    /** kube's getModifiedLabels then getForbiddenLabels, sorted as Go's sets.String.List(). */
    private static Set<String> forbiddenLabels(JsonNode now, JsonNode before) {
        Set<String> modified = new TreeSet<>();
        now.properties().forEach(e -> {
            if (!e.getValue().equals(before.get(e.getKey()))) {
                modified.add(e.getKey());
            }
        });
        before.properties().forEach(e -> {
            if (!e.getValue().equals(now.get(e.getKey()))) {
                modified.add(e.getKey());
            }
        });
        modified.removeIf(label -> !restricted(label));
        return modified;
    }

    private static boolean restricted(String label) {
        String namespace = label.contains("/") ? label.substring(0, label.indexOf('/')) : "";
        if (inNamespace(namespace, "node-restriction.kubernetes.io")) {
            return true;
        }
        boolean kubernetes = inNamespace(namespace, "kubernetes.io") || inNamespace(namespace, "k8s.io");
        return kubernetes && !KUBELET_LABELS.contains(label)
                && KUBELET_LABEL_NAMESPACES.stream().noneMatch(allowed -> inNamespace(namespace, allowed));
    }

    private static boolean inNamespace(String namespace, String domain) {
        return namespace.equals(domain) || namespace.endsWith("." + domain);
    }

    private static JsonNode labels(JsonNode obj) {
        JsonNode labels = obj.path("metadata").path("labels");
        return labels.isObject() ? labels : Json.object();
    }

    private static List<JsonNode> taints(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        node.path("spec").path("taints").forEach(out::add);
        return out;
    }

    private static UserInfo user(JsonNode info) {
        List<String> groups = new ArrayList<>();
        info.path("groups").forEach(g -> groups.add(g.asText()));
        return new UserInfo(info.path("username").asText(""), groups);
    }

    /** kube's admission.NewForbidden: {@code pods "x" is forbidden: why}. */
    private static ApiException forbidden(AdmissionRequest request, String why) {
        String name = Objects.requireNonNullElse(Meta.name(request.obj()), "");
        String resource = request.type().qualifiedName();
        ObjectNode details = Json.object();
        if (!name.isEmpty()) {
            details.put("name", name);
        }
        if (!request.type().group().isEmpty()) {
            details.put("group", request.type().group());
        }
        details.put("kind", request.type().plural());
        return new ApiException(403, "Forbidden", (name.isEmpty() ? resource : resource + " \"" + name + "\"")
                + " is forbidden: " + why, details);
    }
}

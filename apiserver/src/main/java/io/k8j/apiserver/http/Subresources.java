package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.registry.GenericStore;
import io.k8j.apiserver.registry.Meta;
import io.k8j.apiserver.registry.Registry;

/**
 * The subresources served by the store itself: {@code status} and a pod's {@code ephemeralcontainers} (the same
 * object, of which only status or spec.ephemeralContainers is written), {@code scale} (an autoscaling/v1 Scale
 * view of spec.replicas), {@code binding} (a pod's node assignment), a pod's {@code eviction} ({@link PodEviction}),
 * a namespace's {@code finalize} and a service account's {@code token} ({@link TokenRequests}); a pod's {@code log}
 * streams from its kubelet ({@link PodLogs}), as a node's {@code proxy} forwards to it; exec, attach and
 * portforward come here only without an upgrade ({@link StreamProxy}
 * takes those), and get kube's answers for the pod or a 400.
 */
final class Subresources {
    private final Registry registry;
    private final PatchHandler patches;
    private final RequestOptions options;
    private final PodLogs logs;
    private final KubeletProxy kubelets;
    private final PodEviction eviction;
    private final TokenRequests tokens;

    /** {@code kubelets} and {@code tokens} may be null: then their subresources answer 404. */
    Subresources(Registry registry, PatchHandler patches, RequestOptions options, KubeletProxy kubelets,
                 TokenRequests tokens) {
        this.registry = registry;
        this.patches = patches;
        this.options = options;
        this.kubelets = kubelets;
        this.logs = kubelets == null ? null : new PodLogs(registry, kubelets);
        this.eviction = new PodEviction(options, DisruptionBudgets.NONE);
        this.tokens = tokens;
    }

    void handle(ApiRequest req, RequestInfo info, GenericStore store, String ns) {
        ResourceType type = store.type();
        String sub = info.subresource();
        if (sub.equals("proxy") || sub.startsWith("proxy/")) {
            proxy(req, info, store, sub.substring("proxy".length()));
            return;
        }
        if (!type.hasSubresource(sub) || info.name() == null) {
            throw ApiException.notFound("the server could not find the requested resource");
        }
        switch (sub) {
            case "status", "finalize", "ephemeralcontainers", "approval" -> partOfObject(req, info, store, ns, sub);
            case "scale" -> new ScaleSubresource(store, options).handle(req, info, ns);
            case "binding" -> bind(req, info, store, ns);
            case "eviction" -> eviction.handle(req, info, store, ns);
            case "log" -> {
                if (logs == null) {
                    throw ApiException.notFound("the server could not find the requested resource");
                }
                logs.handle(req, info, store, ns);
            }
            case "token" -> {
                if (tokens == null) {
                    throw ApiException.notFound("the server could not find the requested resource");
                }
                tokens.create(req, info, ns);
            }
            case "exec", "attach", "portforward" -> {
                if (logs == null) {
                    throw ApiException.notFound("the server could not find the requested resource");
                }
                PodStreamTarget.of(registry, req, info); // the pod's errors first, as kube's *Location
                throw ApiException.badRequest("Upgrade request required");
            }
            default -> throw ApiException.notFound("the server could not find the requested resource");
        }
    }

    /** A subresource whose body is the object itself, of which the store takes the part the subresource owns. */
    private void partOfObject(ApiRequest req, RequestInfo info, GenericStore store, String ns, String sub) {
        ResourceType type = store.type();
        switch (info.verb()) {
            case "get" -> Responses.json(req, 200, store.get(ns, info.name()));
            case "update" -> {
                ObjectNode body = BodyDecoder.object(req.body(), req.header("Content-Type"), type, false);
                ObjectNode result = sub.equals("finalize")
                        ? store.guaranteedUpdate(ns, info.name(), cur -> finalizers(cur, body), options.write(req), sub)
                        : store.update(ns, info.name(), body, options.write(req), sub);
                Responses.json(req, 200, result);
            }
            case "patch" -> Responses.json(req, 200, patches.patch(req, store, ns, info.name(), sub).object());
            default -> throw ApiException.methodNotAllowed();
        }
    }

    /** nodes/{name}/proxy/{path}: the request goes on to the node's kubelet, at {path}. */
    private void proxy(ApiRequest req, RequestInfo info, GenericStore store, String path) {
        if (!store.type().hasSubresource("proxy") || info.name() == null || logs == null) {
            throw ApiException.notFound("the server could not find the requested resource");
        }
        String query = req.raw().query();
        String target = (path.isEmpty() ? "/" : path) + (query == null ? "" : "?" + query);
        kubelets.forward(req, store.get(null, info.name()), target);
    }

    /** A namespace's finalize only replaces spec.finalizers; the namespace controller calls it. */
    private static ObjectNode finalizers(ObjectNode current, ObjectNode body) {
        JsonNode wanted = body.path("spec").get("finalizers");
        ObjectNode spec = current.with("spec");
        if (wanted == null || wanted.isEmpty()) {
            spec.remove("finalizers");
        } else {
            spec.set("finalizers", wanted);
        }
        return current;
    }

    /** POST pods/{name}/binding: sets spec.nodeName once, as the scheduler's bind does. */
    private void bind(ApiRequest req, RequestInfo info, GenericStore pods, String ns) {
        if (!info.verb().equals("create")) {
            throw ApiException.methodNotAllowed();
        }
        ObjectNode binding = BodyDecoder.object(req.body(), req.header("Content-Type"),
                registry.catalog().findByKind("v1", "Binding").orElse(bindingType()), false);
        String node = binding.path("target").path("name").asText("");
        if (node.isEmpty()) {
            throw ApiException.invalid(bindingType(), info.name(),
                    java.util.List.of(io.k8j.api.FieldError.required("target.name", "")));
        }
        pods.guaranteedUpdate(ns, info.name(), pod -> {
            String current = pod.path("spec").path("nodeName").asText("");
            if (!current.isEmpty()) {
                throw ApiException.conflict(pods.type(), info.name(), "pod " + info.name()
                        + " is already assigned to node \"" + current + "\"");
            }
            if (Meta.isDeleting(pod)) {
                throw ApiException.conflict(pods.type(), info.name(), "pod " + info.name() + " is being deleted, cannot be assigned to a host");
            }
            pod.with("spec").put("nodeName", node);
            PodConditions.set(pod, "PodScheduled", "True", null, null);
            return pod;
        }, options.write(req), "binding");
        Responses.json(req, 201, Responses.success(null).put("code", 201));
    }

    private static ResourceType bindingType() {
        return new ResourceType("", "v1", "Binding", "bindings", "binding", true, java.util.List.of(), java.util.List.of(),
                java.util.Set.of(), io.fabric8.kubernetes.api.model.Binding.class);
    }
}

package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.registry.DeleteOptions;
import io.k8j.apiserver.registry.GenericStore;
import io.k8j.apiserver.registry.Meta;

import java.util.List;
import java.util.Set;

/**
 * POST pods/{name}/eviction, as kube's EvictionREST: a policy/v1 Eviction deletes the pod with the Eviction's
 * DeleteOptions, after marking it with a DisruptionTarget condition (EvictionByEvictionAPI), unless a disruption
 * budget refuses (see {@link DisruptionBudgets}). kubectl drain uses it once discovery lists it.
 */
final class PodEviction {
    static final ResourceType EVICTION = new ResourceType("policy", "v1", "Eviction", "evictions", "eviction", true,
            List.of(), List.of(), Set.of(), io.fabric8.kubernetes.api.model.policy.v1.Eviction.class);

    private final RequestOptions options;
    private final DisruptionBudgets budgets;

    PodEviction(RequestOptions options, DisruptionBudgets budgets) {
        this.options = options;
        this.budgets = budgets;
    }

    void handle(ApiRequest req, RequestInfo info, GenericStore pods, String ns) {
        if (!info.verb().equals("create")) {
            throw ApiException.methodNotAllowed();
        }
        ObjectNode eviction = BodyDecoder.object(req.body(), req.header("Content-Type"), EVICTION, false);
        String name = info.name();
        if (!name.equals(Meta.name(eviction))) {
            throw ApiException.badRequest("name in URL does not match name in Eviction object");
        }
        DeleteOptions requested = options.delete(eviction.get("deleteOptions"), req);
        ObjectNode pod = pods.get(ns, name);
        if (!budgetsIgnore(pod)) {
            budgets.admit(pod, requested.dryRun());
        }
        DeleteOptions delete = requested;
        if (!requested.dryRun()) {
            ObjectNode marked = pods.guaranteedUpdate(ns, name, current -> {
                checkPreconditions(current, requested);
                PodConditions.set(current, "DisruptionTarget", "True", "EvictionByEvictionAPI",
                        "Eviction API: evicting");
                return current;
            }, options.write(req), "status");
            if (requested.preconditionResourceVersion() != null) {
                // the condition was this request's own write: the precondition moves with it
                delete = new DeleteOptions(requested.gracePeriodSeconds(), requested.propagationPolicy(),
                        requested.preconditionUid(), Meta.resourceVersion(marked), false);
            }
        }
        pods.delete(ns, name, delete);
        Responses.json(req, 201, Responses.success(null).put("code", 201));
    }

    /** kube's canIgnorePDB: a pod that is not running, or already going, disrupts nothing more by leaving. */
    private static boolean budgetsIgnore(ObjectNode pod) {
        String phase = pod.path("status").path("phase").asText("");
        return phase.equals("Succeeded") || phase.equals("Failed") || phase.equals("Pending") || Meta.isDeleting(pod);
    }

    /** The Eviction's preconditions, worded as kube's eviction handler words them. */
    private static void checkPreconditions(ObjectNode pod, DeleteOptions delete) {
        String name = Meta.name(pod);
        if (delete.preconditionUid() != null && !delete.preconditionUid().equals(Meta.uid(pod))) {
            throw conflict(name, "the UID in the precondition (" + delete.preconditionUid() + ") does not match the "
                    + "UID in record (" + Meta.uid(pod) + "). The object might have been deleted and then recreated");
        }
        String rv = delete.preconditionResourceVersion();
        if (rv != null && !rv.equals(Meta.resourceVersion(pod))) {
            throw conflict(name, "the ResourceVersion in the precondition (" + rv + ") does not match the "
                    + "ResourceVersion in record (" + Meta.resourceVersion(pod) + "). The object might have been "
                    + "modified");
        }
    }

    private static ApiException conflict(String name, String why) {
        ObjectNode details = Json.object().put("name", name).put("kind", "Pod");
        return new ApiException(409, "Conflict", "Operation cannot be fulfilled on Pod \"" + name + "\": " + why,
                details);
    }
}

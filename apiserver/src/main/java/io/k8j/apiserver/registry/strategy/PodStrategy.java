package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pods: the shared PodSpec rules plus what kube applies to Pod objects only (pkg/registry/core/pod). */
final class PodStrategy implements ResourceStrategy {
    private static final String EPHEMERAL_CONTAINERS = "ephemeralcontainers";
    private final DefaultTolerationSeconds tolerationSeconds;

    PodStrategy(DefaultTolerationSeconds tolerationSeconds) {
        this.tolerationSeconds = tolerationSeconds;
    }

    @Override
    public void prepareForCreate(ObjectNode pod, StrategyContext ctx) {
        applyDefaults(pod);
        PodAdmission.admit(pod, ctx, tolerationSeconds);
        ObjectNode status = pod.putObject("status");
        status.put("phase", "Pending");
        status.put("qosClass", QosClass.of(pod.get("spec")));
    }

    @Override
    public void prepareForUpdate(ObjectNode pod, ObjectNode old, StrategyContext ctx) {
        applyDefaults(pod);
    }

    @Override
    public List<FieldError> validate(ObjectNode pod) {
        List<FieldError> errs = new ArrayList<>(validateSpec(pod));
        errs.addAll(EphemeralContainerRules.onCreate(pod.get("spec")));
        return errs;
    }

    private static List<FieldError> validateSpec(ObjectNode pod) {
        return PodSpecValidation.validate(Tree.objOrNull(pod, "spec"), "spec", PodSpecValidation.ALL_RESTART_POLICIES);
    }

    /** A plain update may not touch spec.ephemeralContainers either: PodUpdateRules finds any change to them. */
    @Override
    public List<FieldError> validateUpdate(ObjectNode pod, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validateSpec(pod));
        ObjectNode spec = Tree.objOrNull(pod, "spec");
        ObjectNode oldSpec = Tree.objOrNull(old, "spec");
        if (spec != null && oldSpec != null) {
            errs.addAll(PodUpdateRules.validate(spec, oldSpec));
        }
        return errs;
    }

    /** pods/ephemeralcontainers: the store kept all but spec.ephemeralContainers; the new ones get their defaults. */
    @Override
    public void prepareForSubresourceUpdate(String subresource, ObjectNode pod, ObjectNode old, StrategyContext ctx) {
        if (EPHEMERAL_CONTAINERS.equals(subresource)) {
            applyDefaults(pod);
        }
    }

    @Override
    public List<FieldError> validateSubresourceUpdate(String subresource, ObjectNode pod, ObjectNode old) {
        return EPHEMERAL_CONTAINERS.equals(subresource)
                ? EphemeralContainerRules.validateUpdate(pod, old, validateSpec(pod)) : List.of();
    }

    @Override
    public Map<String, String> selectableFields(ObjectNode pod) {
        JsonNode spec = pod.path("spec");
        JsonNode status = pod.path("status");
        Map<String, String> f = new LinkedHashMap<>();
        for (String field : List.of("nodeName", "restartPolicy", "schedulerName", "serviceAccountName")) {
            f.put("spec." + field, Tree.text(spec, field));
        }
        f.put("spec.hostNetwork", String.valueOf(Tree.isTrue(spec, "hostNetwork")));
        f.put("status.phase", Tree.text(status, "phase"));
        List<ObjectNode> ips = Tree.objects(status, "podIPs");
        f.put("status.podIP", ips.isEmpty() ? Tree.text(status, "podIP") : Tree.text(ips.get(0), "ip"));
        f.put("status.nominatedNodeName", Tree.text(status, "nominatedNodeName"));
        return f;
    }

    /** Kube's SetDefaults_Pod: the PodSpec defaults plus those it keeps out of pod templates. */
    private static void applyDefaults(ObjectNode pod) {
        ObjectNode spec = Tree.obj(pod, "spec");
        PodSpecDefaults.apply(spec);
        Tree.defaultBool(spec, "enableServiceLinks", true);
        boolean hostNetwork = Tree.isTrue(spec, "hostNetwork");
        for (String list : List.of("initContainers", "containers")) {
            for (ObjectNode c : Tree.objects(spec, list)) {
                requestsFromLimits(Tree.obj(c, "resources"));
                if (hostNetwork) {
                    Tree.objects(c, "ports").forEach(p -> Tree.defaultNonZero(p, "hostPort", p.path("containerPort").asInt()));
                }
            }
        }
    }

    /** A limit without a request means the request equals the limit. */
    private static void requestsFromLimits(ObjectNode resources) {
        ObjectNode limits = Tree.objOrNull(resources, "limits");
        if (limits == null || limits.isEmpty()) {
            return;
        }
        ObjectNode requests = Tree.obj(resources, "requests");
        limits.properties().forEach(e -> {
            if (!requests.has(e.getKey())) {
                requests.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }
}

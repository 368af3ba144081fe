package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * v1 Nodes, minimal: allocatable defaults to capacity, taints are checked, and pod CIDRs are fixed once
 * assigned. Kubelets create their Node with status, which the store must let through on create.
 */
final class NodeStrategy implements ResourceStrategy {
    private static final List<String> TAINT_EFFECTS = List.of("NoExecute", "NoSchedule", "PreferNoSchedule");

    @Override
    public void prepareForCreate(ObjectNode node, StrategyContext ctx) {
        allocatableFromCapacity(node);
    }

    @Override
    public void prepareForUpdate(ObjectNode node, ObjectNode old, StrategyContext ctx) {
        allocatableFromCapacity(node);
    }

    private static void allocatableFromCapacity(ObjectNode node) {
        ObjectNode status = Tree.objOrNull(node, "status");
        if (status != null && Tree.isSet(status, "capacity") && !Tree.isSet(status, "allocatable")) {
            status.set("allocatable", status.get("capacity").deepCopy());
        }
    }

    @Override
    public List<FieldError> validate(ObjectNode node) {
        List<FieldError> errs = new ArrayList<>();
        List<ObjectNode> taints = Tree.objects(node.path("spec"), "taints");
        for (int i = 0; i < taints.size(); i++) {
            ObjectNode t = taints.get(i);
            String path = "spec.taints[" + i + "]";
            String key = Tree.text(t, "key");
            if (key.isEmpty()) {
                errs.add(FieldError.required(path + ".key", ""));
            } else {
                errs.addAll(Names.check(path + ".key", key, Names::qualifiedName));
            }
            Checks.required(errs, t, "effect", path + ".effect");
            Checks.supported(errs, t, "effect", path + ".effect", TAINT_EFFECTS);
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode node, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(node));
        JsonNode oldCidrs = old.path("spec").get("podCIDRs");
        if (oldCidrs != null && !oldCidrs.isEmpty() && !Tree.same(node.path("spec").get("podCIDRs"), oldCidrs)) {
            errs.add(FieldError.forbidden("spec.podCIDRs", "node updates may not change podCIDR except from \"\" to valid"));
        }
        return errs;
    }

    @Override
    public Map<String, String> selectableFields(ObjectNode node) {
        return Map.of("spec.unschedulable", String.valueOf(Tree.isTrue(node.path("spec"), "unschedulable")));
    }
}

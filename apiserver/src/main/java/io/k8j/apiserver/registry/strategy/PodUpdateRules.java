package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;

import java.util.ArrayList;
import java.util.List;

/**
 * A running pod's spec is immutable except for the few fields kube lets an update touch (ValidatePodUpdate):
 * container images, activeDeadlineSeconds (set or lowered), added tolerations, and a negative grace period
 * raised to 1. Everything else, spec.nodeName included (binding sets it), yields kube's single Forbidden error.
 */
final class PodUpdateRules {
    static final String FORBIDDEN = "pod updates may not change fields other than `spec.containers[*].image`,"
            + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to "
            + "existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was "
            + "previously negative)";

    private PodUpdateRules() {
    }

    static List<FieldError> validate(ObjectNode newSpec, ObjectNode oldSpec) {
        List<FieldError> errs = new ArrayList<>();
        ObjectNode a = newSpec.deepCopy();
        ObjectNode b = oldSpec.deepCopy();
        for (String list : List.of("containers", "initContainers")) {
            Tree.objects(a, list).forEach(c -> c.remove("image"));
            Tree.objects(b, list).forEach(c -> c.remove("image"));
        }
        deadline(errs, newSpec, oldSpec);
        a.remove("activeDeadlineSeconds");
        b.remove("activeDeadlineSeconds");
        if (!onlyAddedTolerations(newSpec, oldSpec)) {
            errs.add(FieldError.forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds"));
        }
        a.remove("tolerations");
        b.remove("tolerations");
        if (oldSpec.path("terminationGracePeriodSeconds").asLong(0) < 0
                && newSpec.path("terminationGracePeriodSeconds").asLong(0) == 1) {
            a.remove("terminationGracePeriodSeconds");
            b.remove("terminationGracePeriodSeconds");
        }
        if (!Tree.same(a, b)) {
            errs.add(FieldError.forbidden("spec", FORBIDDEN));
        }
        return errs;
    }

    private static void deadline(List<FieldError> errs, JsonNode newSpec, JsonNode oldSpec) {
        if (!Tree.isSet(oldSpec, "activeDeadlineSeconds")) {
            return;
        }
        long old = oldSpec.get("activeDeadlineSeconds").asLong();
        if (!Tree.isSet(newSpec, "activeDeadlineSeconds")) {
            errs.add(FieldError.invalid("spec.activeDeadlineSeconds", null, "must not update from a positive integer to nil value"));
        } else if (newSpec.get("activeDeadlineSeconds").asLong() > old) {
            errs.add(FieldError.invalid("spec.activeDeadlineSeconds", newSpec.get("activeDeadlineSeconds").asLong(),
                    "must be less than or equal to previous value"));
        }
    }

    /** Every old toleration must still be there; only its tolerationSeconds may differ. */
    private static boolean onlyAddedTolerations(JsonNode newSpec, JsonNode oldSpec) {
        List<ObjectNode> added = Tree.objects(newSpec, "tolerations").stream().map(PodUpdateRules::withoutSeconds).toList();
        return Tree.objects(oldSpec, "tolerations").stream().map(PodUpdateRules::withoutSeconds)
                .allMatch(old -> added.stream().anyMatch(n -> Tree.same(n, old)));
    }

    private static ObjectNode withoutSeconds(ObjectNode toleration) {
        ObjectNode t = toleration.deepCopy();
        t.remove("tolerationSeconds");
        return t;
    }
}

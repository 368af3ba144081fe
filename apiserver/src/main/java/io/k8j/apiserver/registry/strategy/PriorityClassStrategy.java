package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.ArrayList;
import java.util.List;

/**
 * scheduling.k8s.io/v1 PriorityClasses (pkg/apis/scheduling/validation): user
 * classes stay at or below one billion (higher is reserved for the system- classes), value and
 * preemptionPolicy are fixed once created.
 */
final class PriorityClassStrategy implements ResourceStrategy {
    static final long HIGHEST_USER_DEFINABLE = 1_000_000_000L;
    private static final List<String> POLICIES = List.of("Never", "PreemptLowerPriority");

    @Override
    public void prepareForCreate(ObjectNode pc, StrategyContext ctx) {
        Tree.defaultText(pc, "preemptionPolicy", "PreemptLowerPriority");
    }

    @Override
    public void prepareForUpdate(ObjectNode pc, ObjectNode old, StrategyContext ctx) {
        prepareForCreate(pc, ctx);
    }

    @Override
    public List<FieldError> validate(ObjectNode pc) {
        List<FieldError> errs = new ArrayList<>();
        Checks.supported(errs, pc, "preemptionPolicy", "preemptionPolicy", POLICIES);
        String name = Tree.text(pc.path("metadata"), "name");
        if (pc.path("value").asLong() > HIGHEST_USER_DEFINABLE && !name.startsWith("system-")) {
            errs.add(FieldError.forbidden("value", "maximum allowed value of a user defined priority is "
                    + HIGHEST_USER_DEFINABLE));
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode pc, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(pc));
        Checks.immutable(errs, pc, old, "value", "value");
        Checks.immutable(errs, pc, old, "preemptionPolicy", "preemptionPolicy");
        return errs;
    }
}

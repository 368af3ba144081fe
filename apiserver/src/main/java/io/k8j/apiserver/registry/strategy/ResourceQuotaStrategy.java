package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;

import java.util.ArrayList;
import java.util.List;

/** v1 ResourceQuotas, minimal: every hard limit is a valid non-negative quantity. */
final class ResourceQuotaStrategy implements ResourceStrategy {

    @Override
    public List<FieldError> validate(ObjectNode quota) {
        List<FieldError> errs = new ArrayList<>();
        Quantities.validateList(errs, Tree.objOrNull(quota.path("spec"), "hard"), "spec.hard");
        return errs;
    }
}

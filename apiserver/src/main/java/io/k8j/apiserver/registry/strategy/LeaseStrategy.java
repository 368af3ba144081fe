package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;

import java.util.ArrayList;
import java.util.List;

/** coordination.k8s.io/v1 Leases (ValidateLeaseSpec): a positive duration, a non-negative transition count. */
final class LeaseStrategy implements ResourceStrategy {

    @Override
    public List<FieldError> validate(ObjectNode lease) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode spec = lease.path("spec");
        Checks.positive(errs, spec, "leaseDurationSeconds", "spec.leaseDurationSeconds");
        Checks.nonNegative(errs, spec, "leaseTransitions", "spec.leaseTransitions");
        return errs;
    }
}

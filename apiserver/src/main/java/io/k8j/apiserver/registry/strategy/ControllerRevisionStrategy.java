package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;

import java.util.ArrayList;
import java.util.List;

/**
 * apps/v1 ControllerRevisions (ValidateControllerRevision): data is mandatory and, once written, immutable;
 * the revision number is non-negative. A controller makes a new revision rather than editing one.
 */
final class ControllerRevisionStrategy implements ResourceStrategy {

    @Override
    public List<FieldError> validate(ObjectNode revision) {
        List<FieldError> errs = new ArrayList<>();
        if (!revision.hasNonNull("data")) {
            errs.add(FieldError.required("data", "data is mandatory"));
        }
        Checks.nonNegative(errs, revision, "revision", "revision");
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode revision, ObjectNode old) {
        List<FieldError> errs = validate(revision);
        Checks.immutable(errs, revision, old, "data", "data");
        return errs;
    }
}

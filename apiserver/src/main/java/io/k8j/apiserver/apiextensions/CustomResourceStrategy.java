package io.k8j.apiserver.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.FieldError;
import io.k8j.api.schema.SchemaDefaults;
import io.k8j.api.schema.SchemaPruning;
import io.k8j.api.schema.SchemaValidation;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.List;

/**
 * Every custom resource: its version's openAPIV3Schema defaults, prunes and validates it (also writes through
 * status, which kube validates against the whole schema); metadata.generation follows the rest of the object.
 * While the CRD is being deleted, nothing new may be created.
 */
final class CustomResourceStrategy implements ResourceStrategy {
    private final JsonNode schema;
    private final boolean terminating;

    /** {@code schema} null: the version has none (kept as sent). */
    CustomResourceStrategy(JsonNode schema, boolean terminating) {
        this.schema = schema;
        this.terminating = terminating;
    }

    @Override
    public void prepareForCreate(ObjectNode obj, StrategyContext ctx) {
        if (terminating) {
            throw new ApiException(405, "MethodNotAllowed",
                    "create not allowed while custom resource definition is terminating", null);
        }
        structural(obj);
    }

    @Override
    public void prepareForUpdate(ObjectNode obj, ObjectNode old, StrategyContext ctx) {
        structural(obj);
    }

    @Override
    public void prepareForSubresourceUpdate(String subresource, ObjectNode obj, ObjectNode old, StrategyContext ctx) {
        structural(obj);
    }

    private void structural(ObjectNode obj) {
        if (schema != null) {
            SchemaDefaults.apply(obj, schema);
            SchemaPruning.prune(obj, schema);
        }
    }

    @Override
    public List<FieldError> validate(ObjectNode obj) {
        return schema == null ? List.of() : SchemaValidation.validate(obj, schema);
    }

    @Override
    public List<FieldError> validateSubresourceUpdate(String subresource, ObjectNode obj, ObjectNode old) {
        return validate(obj);
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }
}

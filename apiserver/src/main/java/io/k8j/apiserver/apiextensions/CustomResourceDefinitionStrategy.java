package io.k8j.apiserver.apiextensions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.time.Clock;
import java.util.List;

/**
 * apiextensions.k8s.io/v1 CustomResourceDefinition: kube's defaults (singular, listKind, conversion None) and
 * validation; a first delete adds the customresourcecleanup finalizer and the Terminating condition, and
 * {@link CrdController} finishes it once the custom resources are gone.
 */
public final class CustomResourceDefinitionStrategy implements ResourceStrategy {
    static final String CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

    private final Clock clock;

    public CustomResourceDefinitionStrategy(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void prepareForCreate(ObjectNode obj, StrategyContext ctx) {
        defaults(obj);
    }

    @Override
    public void prepareForUpdate(ObjectNode obj, ObjectNode old, StrategyContext ctx) {
        defaults(obj);
    }

    private static void defaults(ObjectNode crd) {
        ObjectNode spec = crd.with("spec");
        ObjectNode names = spec.with("names");
        String kind = names.path("kind").asText("");
        if (names.path("singular").asText("").isEmpty() && !kind.isEmpty()) {
            names.put("singular", kind.toLowerCase());
        }
        if (names.path("listKind").asText("").isEmpty() && !kind.isEmpty()) {
            names.put("listKind", kind + "List");
        }
        if (!spec.has("conversion")) {
            spec.putObject("conversion").put("strategy", "None");
        }
    }

    @Override
    public List<FieldError> validate(ObjectNode obj) {
        return CrdValidation.validate(obj);
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public List<String> finalizersOnDelete(ObjectNode obj) {
        return List.of(CLEANUP_FINALIZER);
    }

    @Override
    public void prepareForDeletion(ObjectNode obj) {
        CrdConditions.set(obj, "Terminating", true, "InstanceDeletionPending",
                "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon", clock.instant());
    }
}

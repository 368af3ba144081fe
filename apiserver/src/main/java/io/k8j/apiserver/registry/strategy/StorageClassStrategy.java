package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.ArrayList;
import java.util.List;

/**
 * storage.k8s.io/v1 StorageClasses (pkg/registry/storage/storageclass): kube's defaults, a provisioner
 * is required, and provisioner, parameters and reclaimPolicy are fixed once created. The fields live at
 * the top level of the object, not under a spec.
 */
final class StorageClassStrategy implements ResourceStrategy {
    private static final List<String> RECLAIM = List.of("Delete", "Retain");
    private static final List<String> BINDING = List.of("Immediate", "WaitForFirstConsumer");

    @Override
    public void prepareForCreate(ObjectNode sc, StrategyContext ctx) {
        Tree.defaultText(sc, "reclaimPolicy", "Delete");
        Tree.defaultText(sc, "volumeBindingMode", "Immediate");
    }

    @Override
    public void prepareForUpdate(ObjectNode sc, ObjectNode old, StrategyContext ctx) {
        prepareForCreate(sc, ctx);
    }

    @Override
    public List<FieldError> validate(ObjectNode sc) {
        List<FieldError> errs = new ArrayList<>();
        Checks.required(errs, sc, "provisioner", "provisioner");
        Checks.supported(errs, sc, "reclaimPolicy", "reclaimPolicy", RECLAIM);
        Checks.supported(errs, sc, "volumeBindingMode", "volumeBindingMode", BINDING);
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode sc, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(sc));
        for (String field : List.of("provisioner", "parameters", "reclaimPolicy", "volumeBindingMode")) {
            Checks.immutable(errs, sc, old, field, field);
        }
        return errs;
    }
}

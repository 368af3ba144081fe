package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * v1 PersistentVolumes, minimal: kube's defaults, phase Pending until the binder looks at it, and the
 * presence checks of ValidatePersistentVolume (capacity, access modes, exactly one volume source); the
 * per-source rules are not repeated.
 */
final class PersistentVolumeStrategy implements ResourceStrategy {
    private static final List<String> RECLAIM = List.of("Delete", "Recycle", "Retain");
    /** Spec fields that are not a volume source. */
    private static final Set<String> NOT_SOURCES = Set.of("accessModes", "capacity", "claimRef", "mountOptions",
            "nodeAffinity", "persistentVolumeReclaimPolicy", "storageClassName", "volumeMode", "volumeAttributesClassName");

    @Override
    public void prepareForCreate(ObjectNode pv, StrategyContext ctx) {
        applyDefaults(pv);
        pv.putObject("status").put("phase", "Pending");
    }

    @Override
    public void prepareForUpdate(ObjectNode pv, ObjectNode old, StrategyContext ctx) {
        applyDefaults(pv);
    }

    private static void applyDefaults(ObjectNode pv) {
        ObjectNode spec = Tree.obj(pv, "spec");
        Tree.defaultText(spec, "persistentVolumeReclaimPolicy", "Retain");
        Tree.defaultText(spec, "volumeMode", "Filesystem");
        ObjectNode hostPath = Tree.objOrNull(spec, "hostPath");
        if (hostPath != null) {
            Tree.defaultText(hostPath, "type", "");
        }
    }

    @Override
    public List<FieldError> validate(ObjectNode pv) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode spec = pv.path("spec");
        Checks.required(errs, spec, "accessModes", "spec.accessModes");
        Checks.required(errs, spec, "capacity", "spec.capacity");
        Checks.supported(errs, spec, "persistentVolumeReclaimPolicy", "spec.persistentVolumeReclaimPolicy", RECLAIM);
        Checks.oneVolumeSource(errs, spec, NOT_SOURCES, "spec");
        return errs;
    }
}

package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * v1 PersistentVolumeClaims: the default StorageClass when none is named; phase Pending until bound; the spec is fixed after creation except that the
 * binder may fill in volumeName once and a bound claim may ask for more (never less) storage.
 */
final class PersistentVolumeClaimStrategy implements ResourceStrategy {
    static final List<String> ACCESS_MODES = List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod");

    @Override
    public void prepareForCreate(ObjectNode pvc, StrategyContext ctx) {
        Tree.defaultText(Tree.obj(pvc, "spec"), "volumeMode", "Filesystem");
        DefaultStorageClass.admit(pvc, ctx);
        pvc.putObject("status").put("phase", "Pending");
    }

    @Override
    public void prepareForUpdate(ObjectNode pvc, ObjectNode old, StrategyContext ctx) {
        Tree.defaultText(Tree.obj(pvc, "spec"), "volumeMode", "Filesystem");
    }

    @Override
    public List<FieldError> validate(ObjectNode pvc) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode spec = pvc.path("spec");
        List<String> modes = Tree.texts(spec, "accessModes");
        if (modes.isEmpty()) {
            errs.add(FieldError.required("spec.accessModes", "at least 1 access mode is required"));
        }
        modes.stream().filter(m -> !ACCESS_MODES.contains(m))
                .forEach(m -> errs.add(FieldError.notSupported("spec.accessModes", m, ACCESS_MODES)));
        JsonNode storage = spec.path("resources").path("requests").get("storage");
        if (storage == null) {
            errs.add(FieldError.required("spec.resources[storage]", ""));
        } else if (Quantities.parse(storage) == null) {
            errs.add(FieldError.invalid("spec.resources.requests[storage]", storage, Quantities.INVALID));
        } else if (Quantities.parse(storage).signum() <= 0) {
            errs.add(FieldError.invalid("spec.resources[storage]", storage, "must be greater than zero"));
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode pvc, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(pvc));
        if (!(pvc.get("spec") instanceof ObjectNode spec) || !(old.get("spec") instanceof ObjectNode oldSpec)) {
            return errs;
        }
        ObjectNode a = spec.deepCopy();
        ObjectNode b = oldSpec.deepCopy();
        if (Tree.text(oldSpec, "volumeName").isEmpty()) {
            a.remove("volumeName");
            b.remove("volumeName");
        }
        if ("Bound".equals(Tree.text(old.path("status"), "phase"))) {
            for (ObjectNode s : List.of(a, b)) {
                s.remove("volumeAttributesClassName");
                ObjectNode requests = Tree.at(s, "resources.requests");
                if (requests != null) {
                    requests.remove("storage");
                }
            }
        }
        if (!Tree.same(a, b)) {
            errs.add(FieldError.forbidden("spec",
                    "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"));
        }
        BigDecimal newSize = Quantities.parse(spec.path("resources").path("requests").get("storage"));
        BigDecimal oldSize = Quantities.parse(oldSpec.path("resources").path("requests").get("storage"));
        if (newSize != null && oldSize != null && newSize.compareTo(oldSize) < 0) {
            errs.add(FieldError.forbidden("spec.resources.requests.storage", "field can not be less than previous value"));
        }
        return errs;
    }
}

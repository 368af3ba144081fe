package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;
import io.k8j.apiserver.registry.StrategyContext;

import java.util.ArrayList;
import java.util.List;

/** v1 ConfigMaps: valid keys, no key in both data and binaryData, 1 MiB in all, `immutable`. */
final class ConfigMapStrategy implements ResourceStrategy {

    @Override
    public void prepareForCreate(ObjectNode cm, StrategyContext ctx) {
        DataMaps.requireBase64(cm.get("binaryData"), "ConfigMap");
    }

    @Override
    public void prepareForUpdate(ObjectNode cm, ObjectNode old, StrategyContext ctx) {
        DataMaps.requireBase64(cm.get("binaryData"), "ConfigMap");
    }

    @Override
    public List<FieldError> validate(ObjectNode cm) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode data = Tree.objOrNull(cm, "data");
        JsonNode binary = Tree.objOrNull(cm, "binaryData");
        DataMaps.validateKeys(errs, data, "data");
        DataMaps.validateKeys(errs, binary, "binaryData");
        if (data != null && binary != null) {
            data.fieldNames().forEachRemaining(k -> {
                if (binary.has(k)) {
                    errs.add(FieldError.invalid("data[" + k + "]", k, "duplicate of key present in binaryData"));
                }
            });
        }
        if (DataMaps.textSize(data) + DataMaps.decodedSize(binary) > DataMaps.MAX_SIZE) {
            // kube names no field here; clients show the bare "[]" this renders as
            errs.add(new FieldError(FieldError.Type.TOO_LONG, "[]", null, "must have at most " + DataMaps.MAX_SIZE + " bytes"));
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(ObjectNode cm, ObjectNode old) {
        List<FieldError> errs = new ArrayList<>(validate(cm));
        DataMaps.immutable(errs, cm, old, List.of("data", "binaryData"));
        return errs;
    }
}

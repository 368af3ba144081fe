package io.k8j.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatch;

import java.util.EnumSet;
import java.util.Map;

/**
 * The three PATCH content types kube-apiserver accepts besides apply. Inputs are never modified; each method
 * returns a new object or throws {@link PatchException} with the status kube-apiserver would answer.
 */
public final class Patches {
    /** kube-apiserver's cap on the operations of one JSON patch. */
    static final int MAX_JSON_PATCH_OPERATIONS = 10000;

    /**
     * Matches evanphx/json-patch as kube uses it: removing a missing member fails, a missing "value" means null.
     * Replacing a missing member and indexing past the end of an array fail by default.
     */
    private static final EnumSet<CompatibilityFlags> FLAGS =
            EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT, CompatibilityFlags.MISSING_VALUES_AS_NULLS);

    private Patches() {
    }

    /** RFC 6902 (application/json-patch+json). */
    public static ObjectNode jsonPatch(ObjectNode original, JsonNode patch) {
        if (patch == null || !patch.isArray()) {
            String kind = patch == null || patch.isNull() ? "null" : patch.isObject() ? "object" : "value";
            throw PatchException.badRequest("json: cannot unmarshal " + kind + " into Go value of type jsonpatch.Patch");
        }
        for (JsonNode op : patch) {
            if (!op.isObject()) {
                throw PatchException.badRequest(
                        "json: cannot unmarshal " + op.getNodeType().name().toLowerCase() + " into Go value of type jsonpatch.Operation");
            }
        }
        if (patch.size() > MAX_JSON_PATCH_OPERATIONS) {
            throw PatchException.tooLarge("The request entity is too large: The allowed maximum operations in a JSON patch is "
                    + MAX_JSON_PATCH_OPERATIONS + ", got " + patch.size());
        }
        JsonNode result;
        try {
            result = JsonPatch.apply(patch, original, FLAGS);
        } catch (RuntimeException e) {
            throw PatchException.rejected(e.getMessage());
        }
        if (!result.isObject()) {
            throw PatchException.rejected("the patched document is not an object");
        }
        return (ObjectNode) result;
    }

    /** RFC 7386 (application/merge-patch+json): null deletes, objects merge, anything else replaces. */
    public static ObjectNode mergePatch(ObjectNode original, JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw PatchException.badRequest("Invalid JSON Patch");
        }
        return (ObjectNode) merge(original, patch);
    }

    /**
     * Kubernetes strategic merge patch (application/strategic-merge-patch+json) against the fabric8 model class
     * of the object; without a model class (custom resources) it degrades to a merge patch.
     */
    public static ObjectNode strategicMergePatch(ObjectNode original, JsonNode patch, Class<?> modelClass) {
        if (modelClass == null) {
            return mergePatch(original, patch);
        }
        if (patch == null || !patch.isObject()) {
            throw PatchException.badRequest("invalid JSON document");
        }
        return StrategicMerge.mergeMap(original.deepCopy(), (ObjectNode) patch, Schema.of(modelClass));
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : ((ObjectNode) patch).objectNode();
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), merge(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }
}

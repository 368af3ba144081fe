package io.k8j.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Finds entries of metadata.managedFields in tests. */
final class ManagedFieldsEntries {
    private ManagedFieldsEntries() {
    }

    /** The managedFields entry of {@code manager} in {@code obj}, or null when it has none. */
    static JsonNode entry(ObjectNode obj, String manager) {
        for (JsonNode e : obj.at("/metadata/managedFields")) {
            if (e.get("manager").asText().equals(manager)) {
                return e;
            }
        }
        return null;
    }
}

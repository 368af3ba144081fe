package io.k8j.api.patch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;

/** Test helper: JSON written with single quotes, so that tables of patches stay readable. */
public final class JsonText {
    private JsonText() {
    }

    public static JsonNode json(String singleQuoted) {
        try {
            return Json.MAPPER.readTree(singleQuoted.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }

    public static ObjectNode obj(String singleQuoted) {
        return (ObjectNode) json(singleQuoted);
    }
}

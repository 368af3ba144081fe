package io.k8j.apiserver.table;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Test objects written as relaxed JSON ({a:{b:'c'}}) so table cases stay one line each. */
final class TestObjects {
    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final ObjectMapper RELAXED = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES).build();

    private TestObjects() {
    }

    static ObjectNode json(String relaxed) {
        try {
            return (ObjectNode) RELAXED.readTree(relaxed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An RFC 3339 time this long before {@link #NOW}, e.g. ago("5m"). */
    static String ago(String duration) {
        return NOW.minus(java.time.Duration.parse("PT" + duration.toUpperCase())).toString();
    }
}

package io.k8j.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading wire JSON the way kube's printers read Go structs: a missing field is its zero value. */
final class Fields {
    static final String NONE = "<none>";

    private Fields() {
    }

    static JsonNode at(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            n = n.path(p);
        }
        return n;
    }

    static String text(JsonNode node, String... path) {
        JsonNode n = at(node, path);
        return n.isValueNode() ? n.asText() : "";
    }

    static long number(JsonNode node, String... path) {
        return at(node, path).asLong(0);
    }

    /** Whether a Go pointer or struct field would be non-nil: present and not JSON null. */
    static boolean present(JsonNode node) {
        return !node.isMissingNode() && !node.isNull();
    }

    static String orNone(String value) {
        return value.isEmpty() ? NONE : value;
    }

    /** An RFC 3339 timestamp, or null for a missing or unparseable one (Go's zero time). */
    static Instant time(JsonNode node) {
        if (!node.isTextual() || node.asText().isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String since(Instant then, Instant now) {
        return then == null ? "<unknown>" : HumanDuration.format(Duration.between(then, now));
    }

    static String age(JsonNode object, Instant now) {
        return since(time(at(object, "metadata", "creationTimestamp")), now);
    }

    /** "a=1,b=2" with keys sorted, or "<none>", as kube's labels.FormatLabels. */
    static String labels(JsonNode map) {
        Map<String, String> sorted = new TreeMap<>();
        map.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asText()));
        List<String> pairs = new ArrayList<>();
        sorted.forEach((k, v) -> pairs.add(k + "=" + v));
        return orNone(String.join(",", pairs));
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** The comma-joined container names and images of a pod spec, the wide Containers/Images cells. */
    static List<Object> containers(JsonNode podSpec) {
        List<String> names = new ArrayList<>();
        List<String> images = new ArrayList<>();
        podSpec.path("containers").forEach(c -> {
            names.add(c.path("name").asText(""));
            images.add(c.path("image").asText(""));
        });
        return List.of(String.join(",", names), String.join(",", images));
    }
}

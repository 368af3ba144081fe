package io.k8j.api.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import io.k8j.api.patch.Schema;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How server-side apply by kubectl coexists with client-side apply's last-applied-configuration annotation,
 * as kube does it: kubectl may take over fields it last applied client-side (where the live value still equals
 * the annotation) without a conflict, and its server-side applies keep the annotation current so that switching
 * back to client-side apply works.
 */
final class LastApplied {
    static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";
    /** Only kubectl's own field manager gets this treatment; other managers opt out by their name. */
    static final String KUBECTL = "kubectl";

    private LastApplied() {
    }

    /** The conflicts that remain once those kubectl last applied client-side are allowed. */
    static Map<ManagerEntry, FieldSet> unresolved(String manager, ObjectNode live, Map<ManagerEntry, FieldSet> conflicts,
                                                  Schema schema) {
        JsonNode lastApplied = manager.equals(KUBECTL) ? read(live) : null;
        if (lastApplied == null) {
            return conflicts;
        }
        ObjectFields.Comparison cmp = ObjectFields.compare(lastApplied, live, schema);
        FieldSet allowed = ObjectFields.of(lastApplied, schema)
                .difference(cmp.modified()).difference(cmp.added()).difference(cmp.removed());
        Map<ManagerEntry, FieldSet> left = new LinkedHashMap<>();
        conflicts.forEach((e, set) -> {
            FieldSet rest = set.difference(allowed);
            if (!rest.isEmpty()) {
                left.put(e, rest);
            }
        });
        return left;
    }

    /** After kubectl applied {@code applied}, the annotation (if the object has one) records that config. */
    static void sync(String manager, ObjectNode merged, ObjectNode applied) {
        if (!manager.equals(KUBECTL) || merged.at("/metadata/annotations").get(ANNOTATION) == null) {
            return;
        }
        ObjectNode config = applied.deepCopy();
        if (config.at("/metadata/annotations") instanceof ObjectNode annotations) {
            annotations.remove(ANNOTATION);
        }
        ((ObjectNode) merged.at("/metadata/annotations")).put(ANNOTATION, sortedJson(config) + "\n");
    }

    private static JsonNode read(ObjectNode live) {
        JsonNode text = live.at("/metadata/annotations").get(ANNOTATION);
        if (text == null || text.asText().isBlank()) {
            return null;
        }
        try {
            JsonNode config = Json.MAPPER.readTree(text.asText());
            return config.isObject() ? config : null;
        } catch (JsonProcessingException unreadable) {
            return null; // kube ignores an annotation it cannot read
        }
    }

    /** Go encodes the configuration from a map, so its keys come out sorted. */
    private static String sortedJson(ObjectNode config) {
        try {
            return Json.MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(Json.MAPPER.convertValue(config, Object.class));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

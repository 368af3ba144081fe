package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The field selectors both Event APIs (core/v1 and events.k8s.io/v1) share. */
final class EventFields {
    /** The fields of an ObjectReference, the type of the object an event is about. */
    private static final List<String> REFERENCE = List.of("kind", "namespace", "name", "uid", "apiVersion",
            "resourceVersion", "fieldPath");

    private EventFields() {
    }

    /**
     * A new map of {@code subject.kind}, {@code subject.name}, ... for the object the event is about (core's
     * {@code involvedObject}, events.k8s.io's {@code regarding}), then {@code reason}.
     */
    static Map<String, String> of(ObjectNode event, String subject) {
        JsonNode reference = event.path(subject);
        Map<String, String> f = new LinkedHashMap<>();
        for (String field : REFERENCE) {
            f.put(subject + "." + field, Tree.text(reference, field));
        }
        f.put("reason", Tree.text(event, "reason"));
        return f;
    }
}

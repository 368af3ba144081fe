package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * events.k8s.io/v1 Events, minimal: the fields kube requires of new-style events on create, and the
 * field selectors of that API group (regarding.* instead of core's involvedObject.*).
 */
final class EventsGroupEventStrategy implements ResourceStrategy {
    private static final List<String> TYPES = List.of("Normal", "Warning");
    private static final int MAX_NOTE = 1024;

    @Override
    public List<FieldError> validate(ObjectNode event) {
        List<FieldError> errs = new ArrayList<>();
        for (String field : List.of("eventTime", "reportingController", "reportingInstance", "action", "reason")) {
            Checks.required(errs, event, field, field);
        }
        String controller = Tree.text(event, "reportingController");
        if (!controller.isEmpty()) {
            errs.addAll(Names.check("reportingController", controller, Names::qualifiedName));
        }
        String type = Tree.text(event, "type");
        if (!TYPES.contains(type)) {
            errs.add(FieldError.invalid("type", type, "has invalid value: " + type));
        }
        if (Tree.text(event, "note").getBytes(StandardCharsets.UTF_8).length > MAX_NOTE) {
            errs.add(new FieldError(FieldError.Type.TOO_LONG, "note", null, "must have at most " + MAX_NOTE + " bytes"));
        }
        String namespace = Tree.text(event.path("metadata"), "namespace");
        String regarding = Tree.text(event.path("regarding"), "namespace");
        if (!regarding.isEmpty() && !regarding.equals(namespace)) {
            errs.add(FieldError.invalid("regarding.namespace", regarding, "does not match event.namespace"));
        }
        return errs;
    }

    @Override
    public Map<String, String> selectableFields(ObjectNode event) {
        Map<String, String> f = EventFields.of(event, "regarding");
        f.put("reportingController", Tree.text(event, "reportingController"));
        f.put("type", Tree.text(event, "type"));
        return f;
    }
}

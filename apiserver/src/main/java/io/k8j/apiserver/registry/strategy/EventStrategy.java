package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;
import io.k8j.apiserver.registry.ResourceStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * core/v1 Events, minimal: the involved object must sit in the event's namespace (legacy validation);
 * the field selectors `kubectl get events --field-selector involvedObject.name=...` relies on.
 */
final class EventStrategy implements ResourceStrategy {

    @Override
    public List<FieldError> validate(ObjectNode event) {
        List<FieldError> errs = new ArrayList<>();
        String namespace = Tree.text(event.path("metadata"), "namespace");
        String involved = Tree.text(event.path("involvedObject"), "namespace");
        // Events about cluster-scoped objects live in "default".
        boolean matches = involved.isEmpty() ? namespace.isEmpty() || namespace.equals("default") : involved.equals(namespace);
        if (!matches) {
            errs.add(FieldError.invalid("involvedObject.namespace", involved, "does not match event.namespace"));
        }
        return errs;
    }

    @Override
    public Map<String, String> selectableFields(ObjectNode event) {
        Map<String, String> f = EventFields.of(event, "involvedObject");
        f.put("reportingComponent", Tree.text(event, "reportingComponent"));
        String source = Tree.text(event.path("source"), "component");
        f.put("source", source.isEmpty() ? Tree.text(event, "reportingComponent") : source);
        f.put("type", Tree.text(event, "type"));
        return f;
    }
}

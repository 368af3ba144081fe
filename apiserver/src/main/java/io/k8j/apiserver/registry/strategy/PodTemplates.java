package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A PodTemplateSpec (metadata + spec) embedded in a workload: defaulted and validated like a pod's spec. */
final class PodTemplates {
    private PodTemplates() {
    }

    /** Defaults the template at {@code spec.template} of a workload-like object's spec. */
    static void applyDefaults(ObjectNode template) {
        if (template != null) {
            PodSpecDefaults.apply(Tree.obj(template, "spec"));
        }
    }

    /** Validates the template at {@code path} (e.g. "spec.template"). */
    static List<FieldError> validate(JsonNode template, String path, List<String> restartPolicies) {
        return validate(template, path, restartPolicies, Set.of());
    }

    /** As {@link #validate(JsonNode, String, List)}, with volumes the owner adds to each pod ({@code moreVolumes}). */
    static List<FieldError> validate(JsonNode template, String path, List<String> restartPolicies, Set<String> moreVolumes) {
        List<FieldError> errs = new ArrayList<>();
        if (template == null) {
            errs.add(FieldError.required(path, ""));
            return errs;
        }
        LabelSelectors.validateLabels(errs, Tree.at(template, "metadata.labels"), path + ".metadata.labels");
        errs.addAll(PodSpecValidation.validate(Tree.objOrNull(template, "spec"), path + ".spec", restartPolicies, moreVolumes));
        if (!Tree.isEmpty(template.path("spec"), "ephemeralContainers")) {
            errs.add(FieldError.forbidden(path + ".spec.ephemeralContainers", "ephemeral containers not allowed in pod template"));
        }
        return errs;
    }

    /** The template's labels, or null. */
    static JsonNode labels(JsonNode template) {
        return Tree.at(template, "metadata.labels");
    }
}

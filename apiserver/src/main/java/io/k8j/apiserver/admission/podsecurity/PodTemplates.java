package io.k8j.apiserver.admission.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.ResourceType;

import java.util.Map;
import java.util.Optional;

/** Where each kind that makes pods keeps its pod template's spec. */
final class PodTemplates {
    private static final Map<String, String> SPEC_PATHS = Map.of(
            "apps/deployments", "/spec/template/spec",
            "apps/replicasets", "/spec/template/spec",
            "apps/statefulsets", "/spec/template/spec",
            "apps/daemonsets", "/spec/template/spec",
            "batch/jobs", "/spec/template/spec",
            "batch/cronjobs", "/spec/jobTemplate/spec/template/spec",
            "/replicationcontrollers", "/spec/template/spec",
            "/podtemplates", "/template/spec");

    private PodTemplates() {
    }

    /** The template's pod spec, or empty for a kind that makes no pods (or an object without a template). */
    static Optional<JsonNode> podSpec(ResourceType type, JsonNode obj) {
        String path = SPEC_PATHS.get(type.group() + "/" + type.plural());
        if (path == null) {
            return Optional.empty();
        }
        JsonNode spec = obj.at(path);
        return spec.isObject() ? Optional.of(spec) : Optional.empty();
    }
}

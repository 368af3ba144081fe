package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;

import java.util.List;

/** apps/v1 DaemonSets (SetDefaults_DaemonSet, ValidateDaemonSetSpec). */
final class DaemonSetStrategy extends WorkloadStrategy {
    private static final List<String> STRATEGIES = List.of("OnDelete", "RollingUpdate");

    DaemonSetStrategy() {
        super("daemonset");
    }

    @Override
    void defaultSpec(ObjectNode spec) {
        ObjectNode strategy = Tree.obj(spec, "updateStrategy");
        Tree.defaultText(strategy, "type", "RollingUpdate");
        if (Tree.text(strategy, "type").equals("RollingUpdate")) {
            ObjectNode rolling = Tree.obj(strategy, "rollingUpdate");
            Tree.defaultNumber(rolling, "maxUnavailable", 1);
            Tree.defaultNumber(rolling, "maxSurge", 0);
        }
        Tree.defaultNumber(spec, "revisionHistoryLimit", 10);
    }

    @Override
    void validateSpec(List<FieldError> errs, JsonNode spec) {
        JsonNode strategy = spec.path("updateStrategy");
        Checks.supported(errs, strategy, "type", "spec.updateStrategy.type", STRATEGIES);
        ObjectNode rolling = Tree.objOrNull(strategy, "rollingUpdate");
        if (rolling != null && Tree.text(strategy, "type").equals("RollingUpdate")) {
            Checks.surgeAndUnavailable(errs, rolling, "spec.updateStrategy.rollingUpdate");
        }
    }
}

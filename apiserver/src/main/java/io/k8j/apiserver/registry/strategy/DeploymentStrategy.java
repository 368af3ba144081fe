package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;

import java.math.BigInteger;
import java.util.List;

/** apps/v1 Deployments (SetDefaults_Deployment, ValidateDeploymentSpec). */
final class DeploymentStrategy extends WorkloadStrategy {
    private static final List<String> STRATEGIES = List.of("Recreate", "RollingUpdate");

    DeploymentStrategy() {
        super("deployment");
    }

    @Override
    void defaultSpec(ObjectNode spec) {
        Tree.defaultNumber(spec, "replicas", 1);
        ObjectNode strategy = Tree.obj(spec, "strategy");
        Tree.defaultText(strategy, "type", "RollingUpdate");
        if (Tree.text(strategy, "type").equals("RollingUpdate")) {
            ObjectNode rolling = Tree.obj(strategy, "rollingUpdate");
            if (!Tree.isSet(rolling, "maxUnavailable")) {
                rolling.put("maxUnavailable", "25%");
            }
            if (!Tree.isSet(rolling, "maxSurge")) {
                rolling.put("maxSurge", "25%");
            }
        }
        Tree.defaultNumber(spec, "revisionHistoryLimit", 10);
        Tree.defaultNumber(spec, "progressDeadlineSeconds", 600);
    }

    @Override
    void validateSpec(List<FieldError> errs, JsonNode spec) {
        JsonNode strategy = spec.path("strategy");
        Checks.supported(errs, strategy, "type", "spec.strategy.type", STRATEGIES);
        ObjectNode rolling = Tree.objOrNull(strategy, "rollingUpdate");
        if (Tree.text(strategy, "type").equals("Recreate") && rolling != null) {
            errs.add(FieldError.forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
        } else if (rolling != null) {
            String path = "spec.strategy.rollingUpdate";
            Checks.surgeAndUnavailable(errs, rolling, path);
            JsonNode maxUnavailable = rolling.path("maxUnavailable");
            if (maxUnavailable.asText().matches("[0-9]+%")
                    && new BigInteger(maxUnavailable.asText().replace("%", "")).compareTo(BigInteger.valueOf(100)) > 0) {
                errs.add(FieldError.invalid(path + ".maxUnavailable", maxUnavailable.asText(), "must not be greater than 100%"));
            }
        }
        Checks.positive(errs, spec, "progressDeadlineSeconds", "spec.progressDeadlineSeconds");
        long deadline = spec.path("progressDeadlineSeconds").asLong(Long.MAX_VALUE);
        if (deadline > 0 && deadline <= spec.path("minReadySeconds").asLong(0)) {
            errs.add(FieldError.invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds"));
        }
    }
}

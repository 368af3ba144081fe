package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.FieldError;

import java.util.List;
import java.util.Map;

/** apps/v1 ReplicaSets: the shared workload rules with one replica by default. */
final class ReplicaSetStrategy extends WorkloadStrategy {

    ReplicaSetStrategy() {
        super("deployment"); // sic: kube's ReplicaSet validation reuses the Deployment wording
    }

    @Override
    void defaultSpec(ObjectNode spec) {
        Tree.defaultNumber(spec, "replicas", 1);
    }

    @Override
    void validateSpec(List<FieldError> errs, JsonNode spec) {
    }

    @Override
    public Map<String, String> selectableFields(ObjectNode rs) {
        return Map.of("status.replicas", String.valueOf(rs.path("status").path("replicas").asInt(0)));
    }
}

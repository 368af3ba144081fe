package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Sets one entry of status.conditions, keeping lastTransitionTime when the status does not change. */
final class PodConditions {
    private PodConditions() {
    }

    static void set(ObjectNode obj, String type, String status, String reason, String message) {
        ArrayNode conditions = obj.with("status").withArray("conditions");
        ObjectNode condition = null;
        for (JsonNode c : conditions) {
            if (type.equals(c.path("type").asText())) {
                condition = (ObjectNode) c;
            }
        }
        if (condition == null) {
            condition = conditions.addObject().put("type", type);
        }
        if (!status.equals(condition.path("status").asText())) {
            condition.put("lastTransitionTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        condition.put("status", status);
        condition.putNull("lastProbeTime");
        if (reason != null) {
            condition.put("reason", reason);
        }
        if (message != null) {
            condition.put("message", message);
        }
    }
}

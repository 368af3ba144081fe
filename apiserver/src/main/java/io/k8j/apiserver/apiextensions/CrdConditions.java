package io.k8j.apiserver.apiextensions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A CRD's status.conditions, set as kube's SetCRDCondition does (the transition time moves only on a change). */
final class CrdConditions {
    private CrdConditions() {
    }

    static void set(ObjectNode crd, String type, boolean status, String reason, String message, Instant now) {
        ArrayNode conditions = crd.with("status").withArray("conditions");
        ObjectNode condition = null;
        for (var c : conditions) {
            if (c.path("type").asText().equals(type)) {
                condition = (ObjectNode) c;
            }
        }
        String value = status ? "True" : "False";
        if (condition == null) {
            condition = conditions.addObject().put("type", type);
        }
        if (!value.equals(condition.path("status").asText())) {
            condition.put("lastTransitionTime", now.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        condition.put("status", value).put("reason", reason).put("message", message);
    }

    static boolean isTrue(ObjectNode crd, String type) {
        for (var c : crd.path("status").path("conditions")) {
            if (c.path("type").asText().equals(type)) {
                return c.path("status").asText().equals("True");
            }
        }
        return false;
    }
}

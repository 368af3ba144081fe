package io.k8j.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.k8j.apiserver.table.Fields.at;
import static io.k8j.apiserver.table.Fields.present;
import static io.k8j.apiserver.table.Fields.text;

/** kubectl's pod row: READY, the aggregated STATUS and RESTARTS with "(5m ago)", as kube 1.27+ prints them. */
final class PodPrinter implements RowPrinter {
    private static final List<Column> COLUMNS = List.of(Column.NAME,
            Column.string("Ready", "The aggregate readiness state of this pod for accepting traffic."),
            Column.string("Status", "The aggregate status of the containers in this pod."),
            Column.string("Restarts", "The number of times the containers in this pod have been restarted "
                    + "and when the last container in this pod has restarted."),
            Column.AGE,
            Column.wide("IP", "The IP address allocated to the pod."),
            Column.wide("Node", "The node the pod is scheduled onto."),
            Column.wide("Nominated Node", "The node on which the pod may run once preemption finishes."),
            Column.wide("Readiness Gates", "Readiness gate conditions that are true, of all gates."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ObjectNode pod, Instant now) {
        PodStatusSummary summary = PodStatusSummary.of(pod);
        String restarts = Long.toString(summary.restarts());
        if (summary.restarts() != 0 && summary.lastRestart() != null) {
            restarts += " (" + Fields.since(summary.lastRestart(), now) + " ago)";
        }
        return List.of(text(pod, "metadata", "name"), summary.ready() + "/" + summary.total(), summary.reason(),
                restarts, Fields.age(pod, now), podIp(pod), Fields.orNone(text(pod, "spec", "nodeName")),
                Fields.orNone(text(pod, "status", "nominatedNodeName")), readinessGates(pod));
    }

    /** Finished pods carry a Completed row condition, as kube's printer sets. */
    @Override
    public List<ObjectNode> conditions(ObjectNode pod) {
        return switch (text(pod, "status", "phase")) {
            case "Succeeded" -> List.of(completed("Succeeded", "The pod has completed successfully."));
            case "Failed" -> List.of(completed("Failed", "The pod failed."));
            default -> List.of();
        };
    }

    private static ObjectNode completed(String reason, String message) {
        ObjectNode c = Json.object();
        c.put("type", "Completed").put("status", "True").put("reason", reason).put("message", message);
        return c;
    }

    /** The first of status.podIPs; older writers set only status.podIP, which kube's conversion copies in. */
    private static String podIp(ObjectNode pod) {
        String ip = text(at(pod, "status", "podIPs").path(0), "ip");
        return Fields.orNone(ip.isEmpty() ? text(pod, "status", "podIP") : ip);
    }

    private static String readinessGates(ObjectNode pod) {
        JsonNode gates = at(pod, "spec", "readinessGates");
        if (gates.isEmpty()) {
            return Fields.NONE;
        }
        int trueConditions = 0;
        for (JsonNode gate : gates) {
            JsonNode condition = condition(pod, gate.path("conditionType").asText(""));
            if (condition != null && condition.path("status").asText("").equals("True")) {
                trueConditions++;
            }
        }
        return trueConditions + "/" + gates.size();
    }

    /** The pod's first condition of a type, or null. */
    static JsonNode condition(ObjectNode pod, String type) {
        for (JsonNode c : at(pod, "status", "conditions")) {
            if (c.path("type").asText("").equals(type)) {
                return c;
            }
        }
        return null;
    }

    static Set<String> sidecarNames(ObjectNode pod) {
        Set<String> names = new HashSet<>();
        for (JsonNode c : at(pod, "spec", "initContainers")) {
            if (c.path("restartPolicy").asText("").equals("Always")) {
                names.add(c.path("name").asText(""));
            }
        }
        return names;
    }

    static boolean isTrue(JsonNode node) {
        return present(node) && node.asBoolean(false);
    }
}

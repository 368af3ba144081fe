package io.k8j.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static io.k8j.apiserver.table.Fields.at;
import static io.k8j.apiserver.table.Fields.text;

/** Nodes, Namespaces, Leases and PriorityClasses. */
final class ClusterPrinters {
    private static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
    private static final String LEGACY_ROLE_LABEL = "kubernetes.io/role";

    private ClusterPrinters() {
    }

    static RowPrinter nodes() {
        return RowPrinter.of(List.of(Column.NAME,
                Column.string("Status", "The status of the node"),
                Column.string("Roles", "The roles of the node"),
                Column.AGE,
                Column.string("Version", "Kubelet version reported by the node."),
                Column.wide("Internal-IP", "The node's first InternalIP address."),
                Column.wide("External-IP", "The node's first ExternalIP address."),
                Column.wide("OS-Image", "OS image reported by the node."),
                Column.wide("Kernel-Version", "Kernel version reported by the node."),
                Column.wide("Container-Runtime", "Container runtime version reported by the node.")), (node, now) -> {
            JsonNode info = at(node, "status", "nodeInfo");
            return List.of(text(node, "metadata", "name"), nodeStatus(node), Fields.orNone(String.join(",", roles(node))),
                    Fields.age(node, now), text(info, "kubeletVersion"),
                    address(node, "InternalIP"), address(node, "ExternalIP"),
                    unknownIfEmpty(text(info, "osImage")), unknownIfEmpty(text(info, "kernelVersion")),
                    unknownIfEmpty(text(info, "containerRuntimeVersion")));
        });
    }

    static RowPrinter namespaces() {
        return RowPrinter.of(List.of(Column.NAME, Column.string("Status", "The status of the namespace"), Column.AGE),
                (ns, now) -> List.of(text(ns, "metadata", "name"), text(ns, "status", "phase"), Fields.age(ns, now)));
    }

    static RowPrinter leases() {
        return RowPrinter.of(List.of(Column.NAME, Column.string("Holder", "The identity of the current holder."),
                Column.AGE), (lease, now) -> List.of(text(lease, "metadata", "name"),
                text(lease, "spec", "holderIdentity"), Fields.age(lease, now)));
    }

    /** kube's CRD table: the name and the creation time as a timestamp, not an age. */
    static RowPrinter customResourceDefinitions() {
        return RowPrinter.of(List.of(Column.NAME, new Column("Created At", "date", "",
                "CreationTimestamp is a timestamp representing the server time when this object was created.", 0)),
                (crd, now) -> List.of(text(crd, "metadata", "name"), text(crd, "metadata", "creationTimestamp")));
    }

    static RowPrinter priorityClasses() {
        return RowPrinter.of(List.of(Column.NAME,
                Column.integer("Value", "value represents the integer value of this priority class."),
                new Column("Global-Default", "boolean", "", "globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class.", 0),
                Column.AGE), (pc, now) -> List.of(text(pc, "metadata", "name"), at(pc, "value").asLong(0),
                String.valueOf(at(pc, "globalDefault").asBoolean(false)), Fields.age(pc, now)));
    }

    /** Mutating and validating webhook configurations: how many webhooks each holds. */
    static RowPrinter webhookConfigurations() {
        return RowPrinter.of(List.of(Column.NAME,
                Column.integer("Webhooks", "Webhooks indicates the number of webhooks in the configuration."),
                Column.AGE), (c, now) -> List.of(text(c, "metadata", "name"), at(c, "webhooks").size(), Fields.age(c, now)));
    }

    /** "Ready", "NotReady" or "Unknown" from the Ready condition, plus ",SchedulingDisabled" when cordoned. */
    static String nodeStatus(JsonNode node) {
        String status = "Unknown";
        for (JsonNode c : at(node, "status", "conditions")) {
            if (text(c, "type").equals("Ready")) {
                status = text(c, "status").equals("True") ? "Ready" : "NotReady";
            }
        }
        return at(node, "spec", "unschedulable").asBoolean(false) ? status + ",SchedulingDisabled" : status;
    }

    /** Sorted roles from node-role.kubernetes.io/ROLE labels and the legacy kubernetes.io/role=ROLE label. */
    static List<String> roles(JsonNode node) {
        TreeSet<String> roles = new TreeSet<>();
        at(node, "metadata", "labels").properties().forEach(label -> {
            String key = label.getKey();
            if (key.startsWith(ROLE_LABEL_PREFIX) && key.length() > ROLE_LABEL_PREFIX.length()) {
                roles.add(key.substring(ROLE_LABEL_PREFIX.length()));
            } else if (key.equals(LEGACY_ROLE_LABEL) && !label.getValue().asText("").isEmpty()) {
                roles.add(label.getValue().asText());
            }
        });
        return new ArrayList<>(roles);
    }

    private static String address(JsonNode node, String type) {
        for (JsonNode a : at(node, "status", "addresses")) {
            if (text(a, "type").equals(type)) {
                return text(a, "address");
            }
        }
        return Fields.NONE;
    }

    private static String unknownIfEmpty(String value) {
        return value.isEmpty() ? "<unknown>" : value;
    }
}

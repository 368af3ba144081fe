package io.k8j.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.k8j.apiserver.table.Fields.at;
import static io.k8j.apiserver.table.Fields.number;
import static io.k8j.apiserver.table.Fields.text;

/** Deployments, ReplicaSets, StatefulSets, DaemonSets and their ControllerRevisions, with kube's columns and cell types. */
final class WorkloadPrinters {
    private static final Column CONTAINERS = Column.wide("Containers", "Names of each container in the template.");
    private static final Column IMAGES = Column.wide("Images", "Images referenced by each container in the template.");
    private static final Column SELECTOR = Column.wide("Selector", "The label query over pods of this workload.");

    private WorkloadPrinters() {
    }

    static RowPrinter deployments() {
        return RowPrinter.of(List.of(Column.NAME,
                Column.string("Ready", "Number of the pod with ready state"),
                Column.string("Up-to-date", "Total number of non-terminated pods with the desired template spec."),
                Column.string("Available", "Total number of available pods (ready for at least minReadySeconds)."),
                Column.AGE, CONTAINERS, IMAGES, SELECTOR), (d, now) -> {
            // Deployments print the raw selector string, with no "<none>" for an empty one.
            List<Object> cells = new ArrayList<>(List.of(text(d, "metadata", "name"),
                    number(d, "status", "readyReplicas") + "/" + desiredReplicas(d),
                    number(d, "status", "updatedReplicas"), number(d, "status", "availableReplicas"),
                    Fields.age(d, now)));
            cells.addAll(Fields.containers(at(d, "spec", "template", "spec")));
            cells.add(LabelSelectors.format(at(d, "spec", "selector")));
            return cells;
        });
    }

    static RowPrinter replicaSets() {
        return RowPrinter.of(List.of(Column.NAME,
                Column.integer("Desired", "Number of desired pods."),
                Column.integer("Current", "The most recently observed number of replicas."),
                Column.integer("Ready", "The number of ready replicas."),
                Column.AGE, CONTAINERS, IMAGES, SELECTOR), (rs, now) -> {
            List<Object> cells = new ArrayList<>(List.of(text(rs, "metadata", "name"), desiredReplicas(rs),
                    number(rs, "status", "replicas"), number(rs, "status", "readyReplicas"), Fields.age(rs, now)));
            cells.addAll(Fields.containers(at(rs, "spec", "template", "spec")));
            cells.add(LabelSelectors.formatOrNone(at(rs, "spec", "selector")));
            return cells;
        });
    }

    static RowPrinter statefulSets() {
        return RowPrinter.of(List.of(Column.NAME,
                Column.string("Ready", "Number of the pod with ready state"),
                Column.AGE, CONTAINERS, IMAGES), (sts, now) -> {
            List<Object> cells = new ArrayList<>(List.of(text(sts, "metadata", "name"),
                    number(sts, "status", "readyReplicas") + "/" + desiredReplicas(sts), Fields.age(sts, now)));
            cells.addAll(Fields.containers(at(sts, "spec", "template", "spec")));
            return cells;
        });
    }

    static RowPrinter daemonSets() {
        return RowPrinter.of(List.of(Column.NAME,
                Column.integer("Desired", "The total number of nodes that should be running the daemon pod."),
                Column.integer("Current", "The number of nodes running at least one daemon pod."),
                Column.integer("Ready", "The number of nodes with a ready daemon pod."),
                Column.integer("Up-to-date", "The number of nodes running the updated daemon pod."),
                Column.integer("Available", "The number of nodes with an available daemon pod."),
                Column.string("Node Selector", "The node labels the daemon pods must match."),
                Column.AGE, CONTAINERS, IMAGES, SELECTOR), (ds, now) -> {
            JsonNode status = ds.path("status");
            List<Object> cells = new ArrayList<>(List.of(text(ds, "metadata", "name"),
                    number(status, "desiredNumberScheduled"), number(status, "currentNumberScheduled"),
                    number(status, "numberReady"), number(status, "updatedNumberScheduled"),
                    number(status, "numberAvailable"),
                    Fields.labels(at(ds, "spec", "template", "spec", "nodeSelector")), Fields.age(ds, now)));
            cells.addAll(Fields.containers(at(ds, "spec", "template", "spec")));
            cells.add(LabelSelectors.formatOrNone(at(ds, "spec", "selector")));
            return cells;
        });
    }

    static RowPrinter controllerRevisions() {
        return RowPrinter.of(List.of(Column.NAME,
                Column.string("Controller", "Controller of the object"),
                Column.integer("Revision", "Revision of the ControllerRevision"),
                Column.AGE), (cr, now) -> List.of(text(cr, "metadata", "name"), controllerName(cr),
                number(cr, "revision"), Fields.age(cr, now)));
    }

    /** kube's formatResourceName of the controller reference: "daemonset.apps/web", or "<none>". */
    private static String controllerName(JsonNode obj) {
        for (JsonNode ref : at(obj, "metadata", "ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                String apiVersion = text(ref, "apiVersion");
                String group = apiVersion.contains("/") ? "." + apiVersion.substring(0, apiVersion.indexOf('/')) : "";
                return (text(ref, "kind") + group).toLowerCase(Locale.ROOT) + "/" + text(ref, "name");
            }
        }
        return Fields.NONE;
    }

    /** spec.replicas, which defaulting sets to 1 when a client leaves it out. */
    private static long desiredReplicas(JsonNode workload) {
        return at(workload, "spec", "replicas").asLong(1);
    }
}

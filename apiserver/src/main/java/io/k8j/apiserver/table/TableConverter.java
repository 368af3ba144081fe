package io.k8j.apiserver.table;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import io.k8j.api.ResourceType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Renders objects as a meta.k8s.io/v1 Table, the answer to {@code Accept: application/json;as=Table;...}
 * that makes {@code kubectl get} print the same columns as against kube-apiserver. Cells are computed as
 * kube's server-side printers do, always including the wide (priority 1) columns: kubectl hides those
 * unless {@code -o wide}.
 */
public final class TableConverter {
    private static final Map<String, RowPrinter> BY_RESOURCE = Map.ofEntries(
            Map.entry("pods", new PodPrinter()),
            Map.entry("services", NetworkPrinters.services()),
            Map.entry("endpoints", NetworkPrinters.endpoints()),
            Map.entry("configmaps", ConfigPrinters.configMaps()),
            Map.entry("secrets", ConfigPrinters.secrets()),
            Map.entry("serviceaccounts", ConfigPrinters.serviceAccounts()),
            Map.entry("namespaces", ClusterPrinters.namespaces()),
            Map.entry("nodes", ClusterPrinters.nodes()),
            Map.entry("events", EventPrinter.core()),
            Map.entry("persistentvolumes", StoragePrinters.persistentVolumes()),
            Map.entry("persistentvolumeclaims", StoragePrinters.persistentVolumeClaims()),
            Map.entry("resourcequotas", ConfigPrinters.resourceQuotas()),
            Map.entry("limitranges", ConfigPrinters.limitRanges()),
            Map.entry("deployments.apps", WorkloadPrinters.deployments()),
            Map.entry("replicasets.apps", WorkloadPrinters.replicaSets()),
            Map.entry("statefulsets.apps", WorkloadPrinters.statefulSets()),
            Map.entry("daemonsets.apps", WorkloadPrinters.daemonSets()),
            Map.entry("controllerrevisions.apps", WorkloadPrinters.controllerRevisions()),
            Map.entry("jobs.batch", BatchPrinters.jobs()),
            Map.entry("cronjobs.batch", BatchPrinters.cronJobs()),
            Map.entry("leases.coordination.k8s.io", ClusterPrinters.leases()),
            Map.entry("endpointslices.discovery.k8s.io", NetworkPrinters.endpointSlices()),
            Map.entry("events.events.k8s.io", EventPrinter.eventsApi()),
            Map.entry("storageclasses.storage.k8s.io", StoragePrinters.storageClasses()),
            Map.entry("priorityclasses.scheduling.k8s.io", ClusterPrinters.priorityClasses()),
            Map.entry("customresourcedefinitions.apiextensions.k8s.io", ClusterPrinters.customResourceDefinitions()),
            Map.entry("roles.rbac.authorization.k8s.io", RbacPrinters.roles()),
            Map.entry("clusterroles.rbac.authorization.k8s.io", RbacPrinters.roles()),
            Map.entry("rolebindings.rbac.authorization.k8s.io", RbacPrinters.bindings()),
            Map.entry("clusterrolebindings.rbac.authorization.k8s.io", RbacPrinters.bindings()),
            Map.entry("mutatingwebhookconfigurations.admissionregistration.k8s.io", ClusterPrinters.webhookConfigurations()),
            Map.entry("validatingwebhookconfigurations.admissionregistration.k8s.io", ClusterPrinters.webhookConfigurations()),
            Map.entry("certificatesigningrequests.certificates.k8s.io", CertificatePrinters.certificateSigningRequests()));

    private final RowPrinter printer;

    private TableConverter(RowPrinter printer) {
        this.printer = printer;
    }

    /** The converter for a resource, falling back to NAME and AGE for resources kube has no printer for. */
    public static TableConverter forResource(ResourceType type) {
        if (type.custom() != null) {
            return new TableConverter(new CustomResourcePrinter(type.custom().printerColumns()));
        }
        return new TableConverter(BY_RESOURCE.getOrDefault(type.qualifiedName(), ConfigPrinters.defaults()));
    }

    /**
     * @param includeObject "None", "Metadata" (also for null, the server default) or "Object": what each
     *                      row carries in {@code object}, which kubectl uses for -A, --show-labels and --sort-by
     * @param continueToken the list's continue token, or null
     * @param now           the time ages are measured against
     */
    public ObjectNode toTable(List<ObjectNode> objects, String includeObject, String resourceVersion,
                              String continueToken, Instant now) {
        ObjectNode table = Json.object();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata");
        if (resourceVersion != null && !resourceVersion.isEmpty()) {
            metadata.put("resourceVersion", resourceVersion);
        }
        if (continueToken != null && !continueToken.isEmpty()) {
            metadata.put("continue", continueToken);
        }
        ArrayNode columns = table.putArray("columnDefinitions");
        printer.columns().forEach(c -> columns.add(c.toJson()));
        ArrayNode rows = table.putArray("rows");
        for (ObjectNode object : objects) {
            rows.add(row(object, includeObject == null ? "Metadata" : includeObject, now));
        }
        return table;
    }

    private ObjectNode row(ObjectNode object, String includeObject, Instant now) {
        ObjectNode row = Json.object();
        ArrayNode cells = row.putArray("cells");
        for (Object cell : printer.cells(object, now)) {
            if (cell == null) {
                cells.addNull();
            } else if (cell instanceof Double || cell instanceof Float || cell instanceof java.math.BigDecimal) {
                cells.add(((Number) cell).doubleValue());
            } else if (cell instanceof Number n) {
                cells.add(n.longValue());
            } else if (cell instanceof Boolean b) {
                cells.add(b);
            } else {
                cells.add(String.valueOf(cell));
            }
        }
        List<ObjectNode> conditions = printer.conditions(object);
        if (!conditions.isEmpty()) {
            row.putArray("conditions").addAll(conditions);
        }
        switch (includeObject) {
            case "None" -> {
            }
            case "Object" -> row.set("object", object);
            default -> row.set("object", partialObjectMetadata(object));
        }
        return row;
    }

    private static ObjectNode partialObjectMetadata(ObjectNode object) {
        ObjectNode partial = Json.object();
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", "meta.k8s.io/v1");
        partial.set("metadata", object.path("metadata").isObject() ? object.get("metadata").deepCopy() : Json.object());
        return partial;
    }
}

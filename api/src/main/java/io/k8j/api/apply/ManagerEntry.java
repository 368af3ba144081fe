package io.k8j.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;

import java.util.Comparator;

/**
 * One metadata.managedFields entry. Entries are identified as kube identifies managers: by manager, operation
 * and subresource, plus the apiVersion for Update entries (an applier keeps one entry across versions).
 */
record ManagerEntry(String manager, String operation, String apiVersion, String time, String subresource,
                    FieldSet fields) {
    static final String APPLY = "Apply";
    static final String UPDATE = "Update";

    /** The order kube writes entries in: Apply before Update, then oldest first, then by name. */
    static final Comparator<ManagerEntry> ORDER = Comparator.comparing(ManagerEntry::operation)
            .thenComparing(e -> e.time == null ? "" : e.time)
            .thenComparing(ManagerEntry::manager)
            .thenComparing(e -> e.apiVersion == null ? "" : e.apiVersion)
            .thenComparing(e -> e.subresource == null ? "" : e.subresource);

    /** Decodes an entry, rejecting what kube's DecodeManagedFields rejects. */
    static ManagerEntry parse(JsonNode e) {
        String operation = e.path("operation").asText();
        if (!operation.equals(APPLY) && !operation.equals(UPDATE)) {
            throw new IllegalArgumentException("operation must be `Apply` or `Update`");
        }
        if (e.path("apiVersion").asText().isEmpty()) {
            throw new IllegalArgumentException("apiVersion must not be empty");
        }
        if (!e.path("fieldsType").asText().equals("FieldsV1")) {
            throw new IllegalArgumentException("invalid fieldsType in managed fields entry");
        }
        return new ManagerEntry(e.path("manager").asText(), operation, e.get("apiVersion").asText(),
                text(e, "time"), text(e, "subresource"), FieldSet.parse(e.get("fieldsV1")));
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    boolean sameManager(String manager, String operation, String apiVersion, String subresource) {
        return this.manager.equals(manager) && this.operation.equals(operation)
                && java.util.Objects.equals(this.subresource, subresource)
                && (operation.equals(APPLY) || this.apiVersion.equals(apiVersion));
    }

    ManagerEntry with(FieldSet fields, String apiVersion, String time) {
        return new ManagerEntry(manager, operation, apiVersion, time, subresource, fields);
    }

    ManagerEntry withFields(FieldSet fields) {
        return with(fields, apiVersion, time);
    }

    ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("manager", manager);
        o.put("operation", operation);
        o.put("apiVersion", apiVersion);
        if (time != null) {
            o.put("time", time);
        }
        o.put("fieldsType", "FieldsV1");
        o.set("fieldsV1", fields.toJson());
        if (subresource != null) {
            o.put("subresource", subresource);
        }
        return o;
    }
}

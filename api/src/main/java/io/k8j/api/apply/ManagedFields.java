package io.k8j.api.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import io.k8j.api.ResourceCatalog;
import io.k8j.api.ResourceType;
import io.k8j.api.patch.Schema;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * metadata.managedFields bookkeeping for ordinary writes (create, update, non-apply patches), and the helpers
 * that server-side apply shares: reading and writing entries, the field set of an object.
 */
public final class ManagedFields {
    private static final ResourceCatalog CATALOG = ResourceCatalog.builtIn();

    private ManagedFields() {
    }

    /** The FieldsV1 set of the fields {@code obj} sets, without the server-managed metadata. */
    public static FieldSet fieldSet(JsonNode obj, Class<?> modelClass) {
        return FieldScope.ALL.filter(ObjectFields.of(content(obj), Schema.of(modelClass)));
    }

    /** {@link #recordUpdate(ObjectNode, ObjectNode, String, String, String, Instant, String)} on the main resource. */
    public static ObjectNode recordUpdate(ObjectNode oldObj, ObjectNode newObj, String manager, String apiVersion,
                                          String operation, Instant now) {
        return recordUpdate(oldObj, newObj, manager, apiVersion, operation, now, (String) null);
    }

    /** A write of a built-in kind, whose model class and status subresource come from the built-in catalog. */
    public static ObjectNode recordUpdate(ObjectNode oldObj, ObjectNode newObj, String manager, String apiVersion,
                                          String operation, Instant now, String subresource) {
        ResourceType type = typeOf(newObj, apiVersion);
        return recordUpdate(oldObj, newObj, manager, apiVersion, operation, now, FieldScope.of(type, subresource),
                type == null ? null : type.modelClass());
    }

    /**
     * Gives {@code manager} the fields this write added or changed and takes them, and the removed ones, from
     * every other manager. Returns a copy of {@code newObj} with the resulting managedFields. As in kube,
     * managedFields sent with a main-resource write replace the stored ones ({@code [{}]} clears them, an empty
     * or invalid list keeps the stored ones), and a stored object (one with a uid) without managedFields stays
     * untracked.
     *
     * @param oldObj null on create
     */
    public static ObjectNode recordUpdate(ObjectNode oldObj, ObjectNode newObj, String manager, String apiVersion,
                                          String operation, Instant now, FieldScope scope, Class<?> modelClass) {
        ObjectNode result = newObj.deepCopy();
        List<ManagerEntry> entries = baseEntries(oldObj, newObj, scope);
        // kube tracks an object from its creation (no uid yet) or not at all.
        if (entries.isEmpty() && oldObj != null && !oldObj.path("metadata").path("uid").asText().isEmpty()) {
            write(result, entries);
            return result;
        }
        ObjectNode before = oldObj == null ? Json.object() : content(oldObj);
        ObjectFields.Comparison cmp = ObjectFields.compare(before, content(newObj), Schema.of(modelClass));
        FieldSet changed = scope.filter(cmp.changed());
        FieldSet removed = scope.filter(cmp.removed());
        List<ManagerEntry> updated = new ArrayList<>();
        ManagerEntry mine = null;
        for (ManagerEntry e : entries) {
            ManagerEntry kept = e.withFields(e.fields().difference(changed).difference(removed));
            if (e.sameManager(manager, operation, apiVersion, scope.subresource())) {
                mine = kept;
            } else {
                updated.add(kept);
            }
        }
        if (!changed.isEmpty()) {
            FieldSet owned = mine == null ? changed : mine.fields().union(changed);
            mine = new ManagerEntry(manager, operation, apiVersion, timestamp(now), scope.subresource(), owned);
        }
        if (mine != null) {
            updated.add(mine);
        }
        write(result, updated);
        return result;
    }

    private static List<ManagerEntry> baseEntries(ObjectNode oldObj, ObjectNode newObj, FieldScope scope) {
        JsonNode given = newObj.at("/metadata/managedFields");
        if (scope.subresource() == null && given.isArray()) {
            if (given.size() == 1 && given.get(0).isEmpty()) {
                return List.of();
            }
            try {
                List<ManagerEntry> entries = read(given);
                if (!entries.isEmpty()) {
                    return entries;
                }
            } catch (IllegalArgumentException invalid) {
                // kube falls back to the stored entries
            }
        }
        return oldObj == null ? List.of() : readOrEmpty(oldObj);
    }

    /** The stored entries; invalid ones read as none, as kube does. */
    static List<ManagerEntry> readOrEmpty(JsonNode obj) {
        try {
            return read(obj.at("/metadata/managedFields"));
        } catch (IllegalArgumentException invalid) {
            return List.of();
        }
    }

    private static List<ManagerEntry> read(JsonNode list) {
        List<ManagerEntry> entries = new ArrayList<>();
        if (list.isArray()) {
            list.forEach(e -> entries.add(ManagerEntry.parse(e)));
        }
        return entries;
    }

    /** Sets metadata.managedFields to the non-empty entries in kube's order, or removes it when none remain. */
    static void write(ObjectNode obj, List<ManagerEntry> entries) {
        ObjectNode metadata = obj.withObjectProperty("metadata");
        List<ManagerEntry> kept = new ArrayList<>(UpdateManagerCap.cap(
                entries.stream().filter(e -> !e.fields().isEmpty()).toList()));
        if (kept.isEmpty()) {
            metadata.remove("managedFields");
            return;
        }
        kept.sort(ManagerEntry.ORDER);
        ArrayNode list = metadata.putArray("managedFields");
        kept.forEach(e -> list.add(e.toJson()));
    }

    /** A copy of {@code obj} without its managedFields: what the fields are computed from. */
    static ObjectNode content(JsonNode obj) {
        ObjectNode c = (ObjectNode) obj.deepCopy();
        if (c.get("metadata") instanceof ObjectNode m) {
            m.remove("managedFields");
        }
        return c;
    }

    static String timestamp(Instant now) {
        return DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
    }

    static ResourceType typeOf(JsonNode obj, String apiVersion) {
        String gv = obj.path("apiVersion").asText(apiVersion);
        return CATALOG.findByKind(gv.isEmpty() ? apiVersion : gv, obj.path("kind").asText()).orElse(null);
    }
}

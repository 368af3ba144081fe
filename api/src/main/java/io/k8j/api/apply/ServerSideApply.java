package io.k8j.api.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.api.ResourceType;
import io.k8j.api.patch.ListType;
import io.k8j.api.patch.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-side apply (application/apply-patch+yaml): merges an applied configuration into the live object,
 * removes what the manager stopped applying, detects conflicts with other managers and records ownership.
 */
public final class ServerSideApply {
    /** The Update manager kube invents for the fields of an object that had no managedFields when first applied. */
    static final String BEFORE_FIRST_APPLY = "before-first-apply";

    private ServerSideApply() {
    }

    /** Apply to the main resource of a built-in kind (the status subresource's fields are not owned). */
    public static ApplyResult apply(ObjectNode live, ObjectNode applied, String manager, boolean force,
                                    Class<?> modelClass, String apiVersion, Instant now) {
        ResourceType type = ManagedFields.typeOf(applied, apiVersion);
        return apply(live, applied, manager, force, modelClass, apiVersion, now, FieldScope.of(type, null));
    }

    /**
     * @param live    the stored object, null when the apply creates it
     * @param applied the configuration; must not carry managedFields
     * @throws ApplyConflictException when another manager owns a field this apply changes and force is false
     */
    public static ApplyResult apply(ObjectNode live, ObjectNode applied, String manager, boolean force,
                                    Class<?> modelClass, String apiVersion, Instant now, FieldScope scope) {
        if (applied.at("/metadata/managedFields").isContainerNode()) {
            throw ApiException.badRequest("metadata.managedFields must be nil");
        }
        Schema schema = Schema.of(modelClass);
        ObjectNode before = live == null ? Json.object() : ManagedFields.content(live);
        List<ManagerEntry> entries = new ArrayList<>(live == null ? List.of() : ManagedFields.readOrEmpty(live));
        if (live != null && entries.isEmpty()) {
            FieldSet existing = scope.filter(ObjectFields.compare(Json.object(), before, schema).changed());
            entries.add(new ManagerEntry(BEFORE_FIRST_APPLY, ManagerEntry.UPDATE, apiVersion,
                    ManagedFields.timestamp(now), null, existing));
        }
        ManagerEntry previous = entries.stream()
                .filter(e -> e.sameManager(manager, ManagerEntry.APPLY, apiVersion, scope.subresource()))
                .findFirst().orElse(null);
        entries.remove(previous);

        FieldSet applying = scope.filter(ObjectFields.of(applied, schema));
        ObjectNode merged = mergeAndPrune(before, applied, schema, previous, entries, applying);

        ObjectFields.Comparison cmp = ObjectFields.compare(before, merged, schema);
        FieldSet changed = scope.filter(cmp.changed());
        FieldSet removed = scope.filter(cmp.removed());
        Map<ManagerEntry, FieldSet> conflicts = new LinkedHashMap<>();
        List<ManagerEntry> updated = new ArrayList<>();
        for (ManagerEntry e : entries) {
            FieldSet taken = e.fields().intersection(changed);
            if (!taken.isEmpty()) {
                conflicts.put(e, taken);
            }
            updated.add(e.withFields(e.fields().difference(changed).difference(removed)));
        }
        if (!force && !conflicts.isEmpty()) {
            Map<ManagerEntry, FieldSet> unresolved = LastApplied.unresolved(manager, before, conflicts, schema);
            if (!unresolved.isEmpty()) {
                throw conflictError(unresolved);
            }
        }
        LastApplied.sync(manager, merged, applied);
        boolean objectChanged = live == null || !ObjectFields.same(before, merged);
        String time = objectChanged || previous == null ? ManagedFields.timestamp(now) : previous.time();
        updated.add(new ManagerEntry(manager, ManagerEntry.APPLY, apiVersion, time, scope.subresource(), applying));
        ManagedFields.write(merged, updated);
        return new ApplyResult(merged, objectChanged);
    }

    /** The live object with the configuration merged in and what the manager no longer applies removed. */
    private static ObjectNode mergeAndPrune(ObjectNode before, ObjectNode applied, Schema schema, ManagerEntry previous,
                                            List<ManagerEntry> others, FieldSet applying) {
        ObjectNode merged = (ObjectNode) StructuredMerge.merge(before, applied, schema, ListType.ATOMIC);
        if (previous != null) {
            FieldSet owned = applying;
            for (ManagerEntry e : others) {
                owned = owned.union(e.fields());
            }
            Pruner.prune(merged, schema, ListType.ATOMIC, previous.fields(), owned);
        }
        return merged;
    }

    private static ApplyConflictException conflictError(Map<ManagerEntry, FieldSet> conflicts) {
        List<ApplyConflictException.Conflict> list = new ArrayList<>();
        conflicts.forEach((e, set) -> set.paths().forEach(p -> list.add(
                new ApplyConflictException.Conflict(ApplyConflictException.describe(e), PathElements.describe(p)))));
        return new ApplyConflictException(list);
    }
}

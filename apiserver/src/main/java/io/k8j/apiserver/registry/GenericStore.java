package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.FieldError;
import io.k8j.api.Json;
import io.k8j.api.ResourceType;
import io.k8j.storage.ConflictException;
import io.k8j.storage.KeyExistsException;
import io.k8j.storage.KeyNotFoundException;
import io.k8j.storage.KeyValue;
import io.k8j.storage.Storage;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The one store every resource goes through, in kube-apiserver's fixed order: metadata bookkeeping ->
 * strategy prepare -> validation -> managed fields -> optimistic write. Reads and watches are in
 * {@link StoreReader}; deletion rules in {@link Deleter}.
 */
public final class GenericStore {
    private static final int MAX_RETRIES = 8;
    /**
     * Subresources that write one part of the object and keep the rest as stored (kube's status strategies and
     * the pod's ephemeralcontainers strategy): the path of that part.
     */
    private static final Map<String, List<String>> NARROW_SUBRESOURCES = Map.of(
            "status", List.of("status"),
            "ephemeralcontainers", List.of("spec", "ephemeralContainers"),
            "approval", List.of("status", "conditions"));

    private final ResourceType type;
    private final ResourceStrategy strategy;
    private final Storage storage;
    private final NamespaceGuard namespaces;
    private final StrategyContextFactory contexts;
    private final FieldManager fieldManager;
    private final Clock clock;
    private final StoreReader reader;
    private final Deleter deleter;
    private final GoZeroFields zeroFields;
    private final Admission admission;
    private final Consumer<ObjectNode> afterCreate;

    /** {@code afterCreate} sees each object this store has just created (not dry runs). */
    public GenericStore(ResourceType type, ResourceStrategy strategy, Storage storage, NamespaceGuard namespaces,
                        StrategyContextFactory contexts, FieldManager fieldManager, Clock clock, Admission admission,
                        Consumer<ObjectNode> afterCreate) {
        this.afterCreate = afterCreate;
        this.admission = admission;
        this.type = type;
        this.strategy = strategy;
        this.storage = storage;
        this.namespaces = namespaces;
        this.contexts = contexts;
        this.fieldManager = fieldManager;
        this.clock = clock;
        this.reader = new StoreReader(type, strategy, storage);
        this.deleter = new Deleter(type, strategy, storage, contexts, clock);
        this.zeroFields = GoZeroFields.of(type);
    }

    public ResourceType type() {
        return type;
    }

    public StoreReader reader() {
        return reader;
    }

    public ObjectNode get(String namespace, String name) {
        return reader.get(namespace, name);
    }

    public ObjectList list(String namespace, ListOptions options) {
        return reader.list(namespace, options);
    }

    public Deleter.Result delete(String namespace, String name, DeleteOptions options) {
        return deleter.delete(namespace, name, options);
    }

    public List<ObjectNode> deleteCollection(String namespace, ListOptions selection, DeleteOptions options) {
        List<ObjectNode> deleted = new ArrayList<>();
        for (ObjectNode obj : reader.list(namespace, selection).items()) {
            try {
                deleted.add(deleter.delete(Meta.namespace(obj), Meta.name(obj), options).object());
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        return deleted;
    }

    /** POST: creates {@code obj} in {@code namespace} (null for cluster-scoped resources). */
    public ObjectNode create(String namespace, ObjectNode obj, WriteOptions options) {
        ObjectNode meta = Meta.of(obj);
        if (type.namespaced()) {
            meta.put("namespace", namespace);
            namespaces.requireWritable(namespace);
        } else {
            meta.remove("namespace");
        }
        String generateName = Meta.text(obj, "generateName");
        boolean generated = (Meta.name(obj) == null || Meta.name(obj).isEmpty()) && generateName != null;
        if (generated) {
            meta.put("name", NameGenerator.generate(generateName));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", now.toString());
        for (String f : List.of("resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink")) {
            meta.remove(f);
        }
        if (strategy.tracksGeneration()) {
            meta.put("generation", 1);
        } else {
            meta.remove("generation");
        }
        if (type.hasSubresource("status") && !type.plural().equals("nodes")) {
            obj.remove("status");
        }
        WriteContext ctx = contexts.create(options.dryRun());
        try {
            return prepareAndCreate(namespace, obj, options, ctx, now, generated ? generateName : null);
        } catch (RuntimeException e) {
            ctx.abort(e);
            throw e;
        }
    }

    private ObjectNode prepareAndCreate(String namespace, ObjectNode obj, WriteOptions options, WriteContext ctx,
                                        Instant now, String generateName) {
        strategy.prepareForCreate(obj, ctx);
        zeroFields.fill(obj);
        admission.mutate(new AdmissionRequest(type, obj, null, null, options));
        List<FieldError> errors = new ArrayList<>(MetadataRules.validate(type, obj));
        errors.addAll(strategy.validate(obj));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(type, Meta.name(obj), errors);
        }
        admission.admit(new AdmissionRequest(type, obj, null, null, options));
        ObjectNode stored = fieldManager.update(null, obj, options, type.apiVersion(), null, now);
        if (options.dryRun()) {
            // kube's dry-run create still reads the key: an existing name is AlreadyExists
            if (storage.get(type.key(namespace, Meta.name(stored))) != null) {
                throw ApiException.alreadyExists(type, Meta.name(stored));
            }
            return stored;
        }
        for (int attempt = 0; ; attempt++) {
            try {
                KeyValue kv = storage.create(type.key(namespace, Meta.name(stored)), StoredObjects.encode(stored));
                ObjectNode created = StoredObjects.decode(kv, type);
                afterCreate.accept(created);
                return created;
            } catch (KeyExistsException e) {
                if (generateName == null || attempt >= MAX_RETRIES) {
                    throw ApiException.alreadyExists(type, Meta.name(stored));
                }
                Meta.of(stored).put("name", NameGenerator.generate(generateName));
            }
        }
    }

    /**
     * PUT: replaces the object with {@code obj}. A {@code subresource} write gets the strategy's subresource
     * rules instead of its update rules: "status" takes only the status from {@code obj}, "ephemeralcontainers"
     * only spec.ephemeralContainers; others (binding) take {@code obj} whole.
     */
    public ObjectNode update(String namespace, String name, ObjectNode obj, WriteOptions options, String subresource) {
        String bodyName = Meta.name(obj);
        if (bodyName != null && !bodyName.equals(name)) {
            throw ApiException.badRequest("the name of the object (" + bodyName
                    + ") does not match the name on the URL (" + name + ")");
        }
        String bodyNamespace = Meta.namespace(obj);
        if (type.namespaced() && bodyNamespace != null && !bodyNamespace.isEmpty() && !bodyNamespace.equals(namespace)) {
            throw ApiException.badRequest(
                    "the namespace of the provided object does not match the namespace sent on the request");
        }
        // a fresh copy per attempt: prepareUpdate fills in the read resourceVersion, which must not pin a retry
        return guaranteedUpdate(namespace, name, old -> {
            ObjectNode copy = obj.deepCopy();
            if (!type.namespaced()) {
                Meta.of(copy).remove("namespace"); // as kube: cluster-scoped objects have none
            }
            return copy;
        }, options, subresource);
    }

    /**
     * Read-modify-write that retries on a racing write, as kube's GuaranteedUpdate does: each attempt
     * rereads and reapplies {@code change}, so a desired object that pins a resourceVersion other than the
     * one just read (the client's stale version) is the client's 409 Conflict. {@code change} gets a
     * private copy of the stored object (resourceVersion included) and returns the desired object.
     */
    public ObjectNode guaranteedUpdate(String namespace, String name, UnaryOperator<ObjectNode> change,
                                       WriteOptions options, String subresource) {
        String key = type.key(namespace, name);
        for (int attempt = 0; ; attempt++) {
            KeyValue current = storage.get(key);
            if (current == null) {
                throw ApiException.notFound(type, name);
            }
            ObjectNode old = StoredObjects.decode(current, type);
            ObjectNode desired = change.apply(old.deepCopy());
            String pinned = Meta.resourceVersion(desired);
            if (pinned != null && !pinned.isEmpty() && !pinned.equals(Meta.resourceVersion(old))) {
                throw ApiException.modified(type, name);
            }
            WriteContext ctx = contexts.create(options.dryRun());
            try {
                ObjectNode updated = prepareUpdate(desired, old, options, subresource, ctx);
                if (sameContent(updated, old) && !storage.isStale(key)) {
                    return old;
                }
                if (options.dryRun()) {
                    return updated;
                }
                KeyValue kv = storage.update(key, StoredObjects.encode(updated), current.modRevision());
                return deleter.finishIfReleased(StoredObjects.decode(kv, type));
            } catch (KeyNotFoundException e) {
                ctx.abort(e);
                throw ApiException.notFound(type, name);
            } catch (ConflictException e) {
                ctx.abort(e);
                if (attempt >= MAX_RETRIES) {
                    throw ApiException.modified(type, name);
                }
            } catch (RuntimeException e) {
                ctx.abort(e);
                throw e;
            }
        }
    }

    private ObjectNode prepareUpdate(ObjectNode obj, ObjectNode old, WriteOptions options, String subresource,
                                     WriteContext ctx) {
        ObjectNode updated;
        List<String> narrowed = subresource == null ? null : NARROW_SUBRESOURCES.get(subresource);
        if (narrowed != null) {
            updated = old.deepCopy();
            copyOrRemove(narrowed, updated, obj);
            JsonNode managed = obj.path("metadata").get("managedFields");
            if (managed != null) {
                Meta.of(updated).set("managedFields", managed);
            }
        } else {
            updated = obj;
            if (type.hasSubresource("status") && subresource == null) {
                copyOrRemove(updated, old, "status");
            }
        }
        ObjectNode meta = Meta.of(updated);
        ObjectNode oldMeta = Meta.of(old);
        if (type.namespaced() && !meta.has("namespace")) {
            meta.set("namespace", oldMeta.get("namespace"));
        }
        if (!meta.has("name")) {
            meta.set("name", oldMeta.get("name"));
        }
        for (String f : List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
                "generation", "selfLink")) {
            copyOrRemove(meta, oldMeta, f);
        }
        meta.put("resourceVersion", Meta.resourceVersion(old));
        if (subresource == null) {
            strategy.prepareForUpdate(updated, old, ctx);
        } else {
            strategy.prepareForSubresourceUpdate(subresource, updated, old, ctx);
        }
        zeroFields.fill(updated);
        admission.mutate(new AdmissionRequest(type, updated, old, subresource, options));
        if (strategy.tracksGeneration() && !Objects.equals(withoutMetaAndStatus(updated), withoutMetaAndStatus(old))) {
            meta.put("generation", old.path("metadata").path("generation").asLong(0) + 1);
        }
        List<FieldError> errors = new ArrayList<>(MetadataRules.validateUpdate(updated, old));
        errors.addAll(MetadataRules.validate(type, updated));
        errors.addAll(subresource == null ? strategy.validateUpdate(updated, old)
                : strategy.validateSubresourceUpdate(subresource, updated, old));
        if (!errors.isEmpty()) {
            throw ApiException.invalid(type, Meta.name(updated), errors);
        }
        admission.admit(new AdmissionRequest(type, updated, old, subresource, options));
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return fieldManager.update(old, updated, options, type.apiVersion(), subresource, now);
    }

    private static boolean sameContent(ObjectNode a, ObjectNode b) {
        return withoutManagedTimes(a).equals(withoutManagedTimes(b));
    }

    private static ObjectNode withoutManagedTimes(ObjectNode obj) {
        ObjectNode copy = obj.deepCopy();
        JsonNode managed = copy.path("metadata").path("managedFields");
        managed.forEach(entry -> ((ObjectNode) entry).remove("time"));
        return copy;
    }

    private static ObjectNode withoutMetaAndStatus(ObjectNode obj) {
        ObjectNode copy = obj.deepCopy();
        copy.remove("metadata");
        copy.remove("status");
        return copy;
    }

    /** Sets the field at {@code path} of {@code target} to that of {@code source}, or removes it when source has none. */
    private static void copyOrRemove(List<String> path, ObjectNode target, ObjectNode source) {
        ObjectNode parent = target;
        JsonNode from = source;
        for (String f : path.subList(0, path.size() - 1)) {
            parent = parent.get(f) instanceof ObjectNode o ? o : parent.putObject(f);
            from = from.path(f);
        }
        copyOrRemove(parent, from instanceof ObjectNode o ? o : Json.object(), path.getLast());
    }

    private static void copyOrRemove(ObjectNode target, ObjectNode source, String field) {
        JsonNode v = source.get(field);
        if (v == null) {
            target.remove(field);
        } else {
            target.set(field, v.deepCopy());
        }
    }
}

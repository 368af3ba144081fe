package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.ResourceType;
import io.k8j.storage.ConflictException;
import io.k8j.storage.KeyNotFoundException;
import io.k8j.storage.KeyValue;
import io.k8j.storage.Storage;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletion as kube-apiserver does it: preconditions, finalizers (an object with finalizers is only
 * marked with deletionTimestamp until they are removed), propagation policy recorded as the
 * orphan / foregroundDeletion finalizers for the garbage collector, and graceful deletion of pods
 * that are bound to a node (the kubelet finishes it).
 */
public final class Deleter {
    static final String ORPHAN = "orphan";
    static final String FOREGROUND = "foregroundDeletion";
    private static final int MAX_RETRIES = 8;

    /** The object as last seen, and whether it is gone (false when deletion waits on finalizers or grace). */
    public record Result(ObjectNode object, boolean deleted) {
    }

    private final ResourceType type;
    private final ResourceStrategy strategy;
    private final Storage storage;
    private final StrategyContextFactory contexts;
    private final Clock clock;

    Deleter(ResourceType type, ResourceStrategy strategy, Storage storage, StrategyContextFactory contexts, Clock clock) {
        this.type = type;
        this.strategy = strategy;
        this.storage = storage;
        this.contexts = contexts;
        this.clock = clock;
    }

    public Result delete(String namespace, String name, DeleteOptions options) {
        String key = type.key(namespace, name);
        for (int attempt = 0; ; attempt++) {
            KeyValue current = storage.get(key);
            if (current == null) {
                throw ApiException.notFound(type, name);
            }
            ObjectNode obj = StoredObjects.decode(current, type);
            checkPreconditions(obj, options);
            strategy.checkDelete(obj);
            try {
                return deleteOnce(key, current, obj, options);
            } catch (ConflictException | KeyNotFoundException e) {
                if (attempt >= MAX_RETRIES) {
                    throw ApiException.modified(type, name);
                }
            }
        }
    }

    private Result deleteOnce(String key, KeyValue current, ObjectNode obj, DeleteOptions options) {
        List<String> finalizers = new ArrayList<>(Meta.finalizers(obj));
        boolean alreadyDeleting = Meta.isDeleting(obj);
        if (!alreadyDeleting) {
            if ("Orphan".equals(options.propagationPolicy()) && !finalizers.contains(ORPHAN)) {
                finalizers.add(ORPHAN);
            } else if ("Foreground".equals(options.propagationPolicy()) && !finalizers.contains(FOREGROUND)) {
                finalizers.add(FOREGROUND);
            }
            strategy.finalizersOnDelete(obj).stream().filter(f -> !finalizers.contains(f)).forEach(finalizers::add);
        }
        long grace = gracePeriod(obj, options);
        boolean blocked = !finalizers.isEmpty() || !strategy.deletionBlockers(obj).isEmpty();
        if (!blocked && grace == 0) {
            if (!options.dryRun()) {
                KeyValue gone = storage.delete(key, current.modRevision());
                strategy.afterDelete(obj, contexts.create(false));
                return new Result(StoredObjects.decode(gone.value(), gone.modRevision(), type), true);
            }
            return new Result(obj, true);
        }
        ObjectNode meta = Meta.of(obj);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Long previousGrace = meta.has("deletionGracePeriodSeconds") ? meta.get("deletionGracePeriodSeconds").asLong() : null;
        if (alreadyDeleting && (previousGrace == null || grace >= previousGrace)) {
            return new Result(obj, false);
        }
        if (!alreadyDeleting && meta.path("generation").asLong(0) > 0) {
            meta.put("generation", meta.get("generation").asLong() + 1); // kube's markAsDeleting
        }
        meta.put("deletionTimestamp", now.plusSeconds(grace).toString());
        meta.put("deletionGracePeriodSeconds", grace);
        Meta.setFinalizers(obj, finalizers);
        strategy.prepareForDeletion(obj);
        if (options.dryRun()) {
            return new Result(obj, false);
        }
        KeyValue kv = storage.update(key, StoredObjects.encode(obj), current.modRevision());
        return new Result(StoredObjects.decode(kv, type), false);
    }

    /** Pods bound to a node get their grace period; everything else (and unbound pods) goes at once. */
    private long gracePeriod(ObjectNode obj, DeleteOptions options) {
        if (!type.plural().equals("pods") || obj.path("spec").path("nodeName").asText("").isEmpty()) {
            return 0;
        }
        if (options.gracePeriodSeconds() != null) {
            return Math.max(0, options.gracePeriodSeconds());
        }
        return obj.path("spec").path("terminationGracePeriodSeconds").asLong(30);
    }

    private void checkPreconditions(ObjectNode obj, DeleteOptions options) {
        String name = Meta.name(obj);
        if (options.preconditionUid() != null && !options.preconditionUid().equals(Meta.uid(obj))) {
            throw ApiException.conflict(type, name, "Precondition failed: UID in precondition: "
                    + options.preconditionUid() + ", UID in object meta: " + Meta.uid(obj));
        }
        String rv = options.preconditionResourceVersion();
        if (rv != null && !rv.equals(Meta.resourceVersion(obj))) {
            throw ApiException.conflict(type, name, "Precondition failed: ResourceVersion in precondition: "
                    + rv + ", ResourceVersion in meta: " + Meta.resourceVersion(obj));
        }
    }

    /**
     * After an update: an object being deleted whose last finalizer was just removed is deleted now
     * (pods still in their grace period wait for the kubelet's final delete).
     */
    ObjectNode finishIfReleased(ObjectNode obj) {
        if (!Meta.isDeleting(obj) || !Meta.finalizers(obj).isEmpty() || !strategy.deletionBlockers(obj).isEmpty()
                || obj.path("metadata").path("deletionGracePeriodSeconds").asLong(0) > 0) {
            return obj;
        }
        try {
            storage.delete(type.key(Meta.namespace(obj), Meta.name(obj)), Long.parseLong(Meta.resourceVersion(obj)));
            strategy.afterDelete(obj, contexts.create(false));
        } catch (KeyNotFoundException | ConflictException e) {
            // someone else wrote or deleted it meanwhile; their write decides
        }
        return obj;
    }
}

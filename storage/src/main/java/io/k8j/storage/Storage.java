package io.k8j.storage;

import java.util.function.Consumer;

/**
 * A revisioned key-value store in the shape of etcd v3, the only thing the API server persists through.
 *
 * <p>Every successful write gets a new, strictly increasing revision for the whole store; a key's
 * {@link KeyValue#modRevision()} is the revision of the write that produced it and is what the API
 * server exposes as {@code metadata.resourceVersion}. Writes that name an expected revision fail with
 * {@link ConflictException} when the key has moved on, so racing writers never overwrite each other.
 * A write that throws has changed nothing, except one that throws {@link StorageUnavailableException}: its
 * outcome is unknown (the backend may have applied it before it stopped answering).
 *
 * <p>Creates and updates throw {@link ValueTooLargeException} for a value over the backend's limit
 * (1.5 MiB by default, etcd's request limit). Implementations: {@code sqlite.SqliteStorage},
 * {@code etcd.EtcdStorage}, and {@code cache.WatchCache} in front of either.
 */
public interface Storage extends AutoCloseable {

    /** Creates {@code key}; throws {@link KeyExistsException} if it exists. Returns the stored key-value. */
    KeyValue create(String key, byte[] value);

    /** The current value of {@code key}, or {@code null} if absent. */
    KeyValue get(String key);

    /**
     * The value of {@code key} as this store last saw it, which may lag behind the latest writes; for
     * checks that tolerate that (admission), where a consistent read would cost a round trip. Backends
     * without a cache answer as {@link #get}.
     */
    default KeyValue getRecent(String key) {
        return get(key);
    }

    /**
     * Keys starting with {@code prefix} in key order, as of the latest revision.
     *
     * @param startAfter exclusive key to continue after (for pagination), or {@code null}
     * @param limit maximum number of items, 0 for all
     */
    ListResult list(String prefix, String startAfter, int limit);

    /**
     * As {@link #list}, as this store last saw the keys, which may lag behind the latest writes: kube's list at
     * resourceVersion "0". Backends without a cache answer as {@link #list}.
     */
    default ListResult listRecent(String prefix, String startAfter, int limit) {
        return list(prefix, startAfter, limit);
    }

    /**
     * Replaces {@code key} if its current mod revision equals {@code expectedModRevision}.
     * Throws {@link KeyNotFoundException} if absent and {@link ConflictException} (carrying the current
     * value) if the revision differs.
     */
    KeyValue update(String key, byte[] value, long expectedModRevision);

    /**
     * Deletes {@code key}; {@code expectedModRevision} 0 means unconditionally. Returns the deleted
     * key-value with {@code modRevision} set to the revision of the delete. Throws
     * {@link KeyNotFoundException} or {@link ConflictException}.
     */
    KeyValue delete(String key, long expectedModRevision);

    /**
     * Delivers, in revision order and on one thread per watch, every event under {@code prefix} with a
     * revision greater than {@code afterRevision}, then live events until the handle is closed. Throws
     * {@link CompactedException} if events after {@code afterRevision} are no longer retained, that is
     * when {@code afterRevision < compactedRevision()}; {@code afterRevision} 0 asks for all history.
     *
     * <p>The store may also end a watch by itself: the listener fell too far behind (its queue is
     * bounded so it never slows writers), history it still needed was compacted, or the backend failed.
     * Pass a {@link WatchListener} to be told, e.g. to answer the client with 410 Gone; a plain
     * {@code Consumer} just stops receiving events.
     */
    WatchHandle watch(String prefix, long afterRevision, Consumer<WatchEvent> listener);

    /**
     * True when {@code key}'s value is stored in a form a write would no longer produce (encrypted with an older
     * key, or not encrypted): the API server then writes an unchanged object anyway, as kube does for stale data,
     * so that rewriting every object re-encrypts it. Stores that transform nothing answer false.
     */
    default boolean isStale(String key) {
        return false;
    }

    /** The revision of the latest write (0 for an empty store). */
    long currentRevision();

    /** Forgets history at and below {@code revision}; current values are kept. */
    void compact(long revision);

    /** The highest revision compacted so far (0 if none). */
    long compactedRevision();

    /**
     * The highest revision at which a paginated list can no longer be continued: what the store of record has
     * compacted. A cache's event history, which bounds its watches, may reach back less far; a continued list
     * reads current values, not that history.
     */
    default long listCompactedRevision() {
        return compactedRevision();
    }

    /** The name of this backend's health check, as /livez and /readyz list it ("etcd", "sqlite"). */
    default String healthCheckName() {
        return "storage";
    }

    /**
     * Returns when the backend can serve writes now, and otherwise throws a {@link StorageException} saying why.
     * Bounded in time (a few seconds) and cheap, though health pollers should still not call it per poll.
     */
    default void checkHealth() {
        currentRevision();
    }

    @Override
    void close();
}

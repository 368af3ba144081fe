package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.ResourceType;
import io.k8j.api.selector.SelectorException;
import io.k8j.storage.CompactedException;
import io.k8j.storage.KeyValue;
import io.k8j.storage.ListResult;
import io.k8j.storage.Storage;
import io.k8j.storage.WatchEvent;
import io.k8j.storage.WatchHandle;
import io.k8j.storage.WatchListener;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Get, list and watch for one resource, with label and field selection and pagination. */
public final class StoreReader {
    private static final int BATCH = 500;

    private final ResourceType type;
    private final ResourceStrategy strategy;
    private final Storage storage;
    private final EncodedObjects encoded;

    StoreReader(ResourceType type, ResourceStrategy strategy, Storage storage) {
        this.type = type;
        this.strategy = strategy;
        this.storage = storage;
        this.encoded = new EncodedObjects(kv -> StoredObjects.decode(kv, type));
    }

    public ObjectNode get(String namespace, String name) {
        KeyValue kv = storage.get(type.key(namespace, name));
        if (kv == null) {
            throw ApiException.notFound(type, name);
        }
        return StoredObjects.decode(kv, type);
    }

    /** The object as the watch cache last saw it (may lag the latest writes), or null when absent there. */
    public ObjectNode getRecent(String namespace, String name) {
        KeyValue kv = storage.getRecent(type.key(namespace, name));
        return kv == null ? null : StoredObjects.decode(kv, type);
    }

    public ObjectList list(String namespace, ListOptions options) {
        Page page = page(namespace, options);
        List<ObjectNode> items = new ArrayList<>(page.items().size());
        for (Selected item : page.items()) {
            items.add(item.decoded() != null ? item.decoded() : StoredObjects.decode(item.kv(), type));
        }
        return new ObjectList(items, page.revision(), page.continueToken(), null);
    }

    /** As {@link #list}, each item as the JSON bytes it is served as, encoded once per object version. */
    public EncodedList listEncoded(String namespace, ListOptions options) {
        Page page = page(namespace, options);
        List<byte[]> items = new ArrayList<>(page.items().size());
        for (Selected item : page.items()) {
            items.add(encoded.of(item.kv()));
        }
        return new EncodedList(items, page.revision(), page.continueToken());
    }

    /** A stored item the selectors chose, with its decoded object when choosing it took decoding. */
    private record Selected(KeyValue kv, ObjectNode decoded) {
    }

    private record Page(List<Selected> items, long revision, String continueToken) {
    }

    private Page page(String namespace, ListOptions options) {
        checkFieldSelector(options);
        String prefix = type.keyPrefix(namespace);
        String startAfter = null;
        long revision = 0;
        boolean continued = options.continueToken() != null && !options.continueToken().isEmpty();
        if (continued) {
            ContinueToken token = ContinueToken.decode(options.continueToken());
            if (token.revision() < storage.listCompactedRevision()) {
                throw ApiException.expired("The provided continue parameter is too old to display a consistent "
                        + "list result. You can start a new list without the continue parameter.");
            }
            startAfter = token.startAfter();
            revision = token.revision();
        } else {
            checkExactRevision(options);
        }
        boolean selecting = !options.labels().isEverything() || !options.fields().terms().isEmpty();
        // kube serves resourceVersion "0" from its watch cache as it is, without a consistent read
        boolean anyVersion = !continued && "0".equals(options.resourceVersion());
        int limit = options.limit() > 0 ? options.limit() : Integer.MAX_VALUE;
        List<Selected> items = new ArrayList<>();
        String lastKey = null;
        boolean more;
        do {
            int batch = Math.max(BATCH, Math.min(limit, 10_000));
            ListResult page = anyVersion ? storage.listRecent(prefix, startAfter, batch) : storage.list(prefix, startAfter, batch);
            revision = revision == 0 ? page.revision() : revision;
            more = page.more();
            for (KeyValue kv : page.items()) {
                startAfter = kv.key();
                ObjectNode obj = selecting ? StoredObjects.decode(kv, type) : null;
                if (!selecting || matches(obj, options)) {
                    items.add(new Selected(kv, obj));
                    lastKey = kv.key();
                    if (items.size() == limit) {
                        break;
                    }
                }
            }
            if (items.size() == limit) {
                more = more || !lastKey.equals(page.items().get(page.items().size() - 1).key());
                break;
            }
        } while (more);
        String next = items.size() == limit && more ? new ContinueToken(revision, lastKey).encode() : null;
        return new Page(items, revision, next);
    }

    /**
     * Streams changes after {@code options.resourceVersion()}; with no version or "0" it first replays
     * the current objects as ADDED events, as kube does.
     */
    public WatchHandle watch(String namespace, ListOptions options, WatchSink sink) {
        checkFieldSelector(options);
        String rv = options.resourceVersion();
        long after;
        if (rv == null || rv.isEmpty() || rv.equals("0")) {
            ObjectList current = list(namespace, ListOptions.selecting(options.labels(), options.fields()));
            current.items().forEach(obj -> sink.event("ADDED", obj));
            after = current.resourceVersion();
        } else {
            after = ResourceVersions.parse(rv);
        }
        if (options.sendInitialEvents()) {
            sink.initialEventsEnd(after);
        }
        try {
            return storage.watch(type.keyPrefix(namespace), after,
                    WatchListener.of(event -> deliver(event, options, sink), sink::terminated));
        } catch (CompactedException e) {
            throw ApiException.expired(e.getMessage());
        }
    }

    private void deliver(WatchEvent event, ListOptions options, WatchSink sink) {
        ObjectNode obj = StoredObjects.decode(event.kv().value(), event.revision(), type);
        boolean now = matches(obj, options);
        switch (event.type()) {
            case CREATE -> {
                if (now) {
                    sink.event("ADDED", obj);
                }
            }
            case DELETE -> {
                if (now) {
                    sink.event("DELETED", obj);
                }
            }
            case UPDATE -> {
                boolean before = event.prevKv() == null
                        || matches(StoredObjects.decode(event.prevKv().value(), event.prevKv().modRevision()), options);
                if (now) {
                    sink.event(before ? "MODIFIED" : "ADDED", obj);
                } else if (before) {
                    sink.event("DELETED", obj);
                }
            }
        }
    }

    boolean matches(ObjectNode obj, ListOptions options) {
        if (!options.labels().isEverything() && !options.labels().matches(Meta.labels(obj))) {
            return false;
        }
        if (options.fields().terms().isEmpty()) {
            return true;
        }
        Map<String, String> extra = strategy.selectableFields(obj);
        return options.fields().matches(field -> switch (field) {
            case "metadata.name" -> Meta.name(obj);
            case "metadata.namespace" -> Meta.namespace(obj);
            default -> extra.get(field);
        });
    }

    private void checkFieldSelector(ListOptions options) {
        if (options.fields().terms().isEmpty()) {
            return;
        }
        Set<String> supported = new HashSet<>(strategy.selectableFields(io.k8j.api.Json.object()).keySet());
        supported.add("metadata.name");
        supported.add("metadata.namespace");
        try {
            options.fields().requireFields(supported);
        } catch (SelectorException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private void checkExactRevision(ListOptions options) {
        if ("Exact".equals(options.resourceVersionMatch())) {
            long wanted = ResourceVersions.parse(options.resourceVersion());
            if (wanted != storage.currentRevision()) {
                throw ApiException.expired("too old resource version: " + wanted + " (" + storage.currentRevision() + ")");
            }
        }
    }
}

package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.k8j.api.Json;
import io.k8j.storage.KeyValue;

import java.util.function.Function;

/**
 * The JSON each stored version of an object is served as, encoded once and reused by every list that returns it,
 * as kube's watch cache keeps a cachingObject's serialization. Keyed by the watch cache's own {@link KeyValue}
 * instances (weak keys compare by identity), so an entry lives no longer than its version is cached.
 */
final class EncodedObjects {
    /** Per resource: enough for every ConfigMap or Pod of a large namespace, without doubling a huge cache's memory. */
    private static final long MAX_BYTES = 64L << 20;

    private final Cache<KeyValue, byte[]> encoded = Caffeine.newBuilder().weakKeys()
            .maximumWeight(MAX_BYTES).weigher((KeyValue kv, byte[] json) -> json.length).build();
    private final Function<KeyValue, ObjectNode> decoder;

    EncodedObjects(Function<KeyValue, ObjectNode> decoder) {
        this.decoder = decoder;
    }

    /** The object as {@link Json#bytes} writes the decoded version; never modify the array. */
    byte[] of(KeyValue kv) {
        return encoded.get(kv, k -> Json.bytes(decoder.apply(k)));
    }
}

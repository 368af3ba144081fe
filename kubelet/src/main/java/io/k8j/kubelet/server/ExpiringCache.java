package io.k8j.kubelet.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Answers of the API server kept for a while, as kube's webhook authenticator and authorizer caches do: a
 * positive answer for longer than a negative one. Bounded: when full, the whole cache starts over.
 */
final class ExpiringCache<K, V> {
    private static final int MAX_ENTRIES = 4096;

    private record Entry<V>(V value, Instant expires) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration positiveTtl;
    private final Duration negativeTtl;
    private final Predicate<V> positive;
    private final Clock clock;

    ExpiringCache(Duration positiveTtl, Duration negativeTtl, Predicate<V> positive, Clock clock) {
        this.positiveTtl = positiveTtl;
        this.negativeTtl = negativeTtl;
        this.positive = positive;
        this.clock = clock;
    }

    Optional<V> get(K key) {
        Entry<V> e = entries.get(key);
        if (e == null || !clock.instant().isBefore(e.expires())) {
            return Optional.empty();
        }
        return Optional.of(e.value());
    }

    void put(K key, V value) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, clock.instant().plus(positive.test(value) ? positiveTtl : negativeTtl)));
    }
}

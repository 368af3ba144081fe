package io.k8j.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a controller has asked the API server to do for a key and not yet seen in its informer cache
 * (client-go's ControllerExpectations / UIDTrackingExpectations): while creations or deletions are in
 * flight the cache is stale, and acting on it again would create or delete twice. Creations are counted;
 * deletions are tracked by dependent key, because a pod can be seen deleting and then deleted. A record
 * older than the TTL counts as satisfied, so a lost watch event cannot wedge a controller.
 */
public final class Expectations {
    public static final Duration TTL = Duration.ofMinutes(5);

    private record Pending(int creations, Set<String> deletions, Instant since) {
    }

    private final Clock clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    public Expectations(Clock clock) {
        this.clock = clock;
    }

    /** True when nothing is in flight for {@code key} (or what was, expired). */
    public boolean satisfied(String key) {
        Pending p = pending.get(key);
        return p == null || (p.creations <= 0 && p.deletions.isEmpty())
                || p.since.plus(TTL).isBefore(clock.instant());
    }

    public void expect(String key, int creations, Set<String> deletions) {
        pending.put(key, new Pending(creations, Set.copyOf(deletions), clock.instant()));
    }

    /** A creation was seen in the cache, or failed and will never be seen. */
    public void creationObserved(String key) {
        pending.computeIfPresent(key, (k, p) -> new Pending(p.creations - 1, p.deletions, p.since));
    }

    /** {@code dependent} was seen deleting or deleted, or its deletion failed. */
    public void deletionObserved(String key, String dependent) {
        pending.computeIfPresent(key, (k, p) -> {
            Set<String> rest = new HashSet<>(p.deletions);
            rest.remove(dependent);
            return new Pending(p.creations, rest, p.since);
        });
    }

    /** The owner is gone: forget it. */
    public void forget(String key) {
        pending.remove(key);
    }
}

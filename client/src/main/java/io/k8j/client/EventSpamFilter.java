package io.k8j.client;

import io.fabric8.kubernetes.api.model.ObjectReference;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * client-go's EventSourceObjectSpamFilter: a token bucket per involved object (all its parts together), so
 * one object cannot flood the API server with Events. Each Event, a repeat included, takes a token; a full
 * bucket holds {@code burst} and one token comes back every {@code refill}.
 */
public final class EventSpamFilter {
    /** client-go's defaults: 25 events at once, then one every 5 minutes. */
    public static final int BURST = 25;
    public static final Duration REFILL = Duration.ofMinutes(5);
    /** As client-go's LRU of buckets: an object not heard from in a while starts over with a full bucket. */
    private static final int REMEMBERED = 4096;

    private final int burst;
    private final Duration refill;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > REMEMBERED;
        }
    };

    public EventSpamFilter(Clock clock) {
        this(BURST, REFILL, clock);
    }

    EventSpamFilter(int burst, Duration refill, Clock clock) {
        this.burst = burst;
        this.refill = refill;
        this.clock = clock;
    }

    /** Takes a token for an Event about {@code involved}: false when its bucket is empty (drop the Event). */
    public synchronized boolean allow(ObjectReference involved) {
        String key = involved.getKind() + "/" + involved.getNamespace() + "/" + involved.getName() + "/" + involved.getUid();
        Instant now = clock.instant();
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        long earned = Duration.between(b.refilled, now).toNanos() / refill.toNanos();
        if (earned > 0) {
            b.tokens = (int) Math.min(burst, b.tokens + earned);
            b.refilled = b.refilled.plus(refill.multipliedBy(earned));
        }
        if (b.tokens == 0) {
            return false;
        }
        b.tokens--;
        return true;
    }

    private static final class Bucket {
        int tokens;
        /** Up to when tokens have been credited: the rest of a refill period carries over. */
        Instant refilled;

        Bucket(int tokens, Instant refilled) {
            this.tokens = tokens;
            this.refilled = refilled;
        }
    }
}

package io.k8j.kubelet.pod;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Crash-loop back-off per container, as the kubelet's flowcontrol.Backoff: the first restart is
 * immediate, each next one waits twice as long (initial 10 s up to 5 min), counted from the exit; an
 * entry untouched for twice the maximum starts over.
 */
public final class RestartBackoff {
    private final Duration initial;
    private final Duration max;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public RestartBackoff(Duration initial, Duration max, Clock clock) {
        this.initial = initial;
        this.max = max;
        this.clock = clock;
    }

    /** How long {@code key}, which exited at {@code finishedAt}, must still wait; zero when it may restart. */
    public Duration remaining(String key, Instant finishedAt) {
        Entry e = entries.get(key);
        if (e == null || finishedAt == null) {
            return Duration.ZERO;
        }
        Duration left = e.delay.minus(Duration.between(finishedAt, clock.instant()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * How long {@code key} stays in back-off counted from its last update (kube's IsInBackOffSinceUpdate, what
     * image pulls use: the failure is the update); zero when it is not.
     */
    public Duration remainingSinceUpdate(String key) {
        Entry e = entries.get(key);
        return e == null ? Duration.ZERO : remaining(key, e.lastUpdate);
    }

    /** Records a restart now: the next exit waits initial, or twice the last wait. */
    public void restarted(String key) {
        Instant now = clock.instant();
        entries.compute(key, (k, e) -> {
            if (e == null || Duration.between(e.lastUpdate, now).compareTo(max.multipliedBy(2)) > 0) {
                return new Entry(initial, now);
            }
            Duration doubled = e.delay.multipliedBy(2);
            return new Entry(doubled.compareTo(max) > 0 ? max : doubled, now);
        });
    }

    /** The wait the last restart set, for the CrashLoopBackOff message. */
    public Duration delay(String key) {
        Entry e = entries.get(key);
        return e == null ? Duration.ZERO : e.delay;
    }

    /** Forgets every entry whose key starts with {@code prefix} (a pod's uid). */
    public void forget(String prefix) {
        entries.keySet().removeIf(k -> k.startsWith(prefix));
    }

    private record Entry(Duration delay, Instant lastUpdate) {
    }
}

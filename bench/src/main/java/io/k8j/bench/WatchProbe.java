package io.k8j.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * One watcher on the benchmark namespace, from a resourceVersion taken before the writes it observes,
 * noting when each object's first event arrives. Because the watch starts at that resourceVersion, no
 * event is missed even if the stream is established after the first writes.
 */
final class WatchProbe implements AutoCloseable {
    /** Longer than any phase; the probe is closed as soon as it has seen what it waits for. */
    private static final int WATCH_TIMEOUT_SECONDS = 1800;

    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final AtomicInteger errors = new AtomicInteger();
    private final WatchEvents watch;

    WatchProbe(ApiClient api, String resourceVersion) {
        this.watch = new WatchEvents(api, resourceVersion, WATCH_TIMEOUT_SECONDS, "watch-probe", new WatchEvents.Listener() {
            @Override
            public void event(JsonNode event, long arrived) {
                if (event.path("type").asText().equals("ERROR")) {
                    errors.incrementAndGet();
                    System.err.println("watch ERROR event: " + event);
                    return;
                }
                arrivals.putIfAbsent(event.path("object").path("metadata").path("name").asText(), arrived);
            }

            @Override
            public void ended(Exception error) {
                if (error != null) {
                    errors.incrementAndGet();
                    System.err.println("watch failed: " + error);
                }
            }
        });
    }

    /** Waits until events for {@code expected} distinct objects have arrived, or the timeout passes. */
    void await(int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (arrivals.size() < expected && System.nanoTime() < deadline && watch.isReading()) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    /**
     * Delivery delay per object: from the write's response to the event's arrival. An event can arrive
     * before the response of its own write (both leave the server at about the same time); that counts as
     * no delay. A missing event is an error. Throughput is events over the time from {@code phaseStart}
     * to the last arrival. CPU is not attributed: the watch shares its time with the update phase.
     */
    PhaseResult result(String target, long phaseStart, long[] ackNanos, IntFunction<String> names) {
        long[] delays = new long[ackNanos.length];
        int seen = 0;
        long last = phaseStart;
        for (int i = 0; i < ackNanos.length; i++) {
            Long arrived = arrivals.get(names.apply(i));
            if (arrived != null) {
                delays[seen++] = Math.max(0, arrived - ackNanos[i]);
                last = Math.max(last, arrived);
            }
        }
        int missing = ackNanos.length - seen;
        if (missing > 0) {
            System.err.printf("%s watch: %d of %d events never arrived%n", target, missing, ackNanos.length);
        }
        return PhaseResult.of(target, "watch (delivery)", missing + errors.get(), last - phaseStart,
                Arrays.copyOf(delays, seen), -1, -1);
    }

    @Override
    public void close() throws IOException {
        watch.close();
    }
}

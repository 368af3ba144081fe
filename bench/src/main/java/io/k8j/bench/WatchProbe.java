package io.k8j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
    private final Thread reader;
    private volatile InputStream stream;
    private volatile boolean closed;

    WatchProbe(ApiClient api, String resourceVersion) {
        // Opened off the caller's thread, so the writes never wait for the stream to be established
        // (servers that send no headers before the first event would otherwise deadlock the phase).
        this.reader = Thread.ofVirtual().name("watch-probe").start(() -> read(api, resourceVersion));
    }

    private void read(ApiClient api, String resourceVersion) {
        try {
            stream = api.watch(resourceVersion, WATCH_TIMEOUT_SECONDS);
            if (closed) {
                stream.close();
                return;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                long arrived = System.nanoTime();
                JsonNode event = Json.parse(line.getBytes(StandardCharsets.UTF_8));
                if (event.path("type").asText().equals("ERROR")) {
                    errors.incrementAndGet();
                    System.err.println("watch ERROR event: " + line);
                    continue;
                }
                arrivals.putIfAbsent(event.path("object").path("metadata").path("name").asText(), arrived);
            }
        } catch (IOException | InterruptedException e) {
            if (!closed) {
                errors.incrementAndGet();
                System.err.println("watch failed: " + e);
            }
        }
    }

    /** Waits until events for {@code expected} distinct objects have arrived, or the timeout passes. */
    void await(int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (arrivals.size() < expected && System.nanoTime() < deadline && reader.isAlive()) {
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
        closed = true;
        InputStream s = stream;
        if (s != null) {
            s.close();
        }
        reader.interrupt();
    }
}

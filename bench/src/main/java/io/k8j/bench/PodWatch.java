package io.k8j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One watch on the benchmark's pods from a resourceVersion taken before the first create, noting when each
 * pod is first seen bound to a node (spec.nodeName set) and first seen Running, as the pod startup SLO
 * measures it ("observed through a watch"). Times are System.nanoTime() on arrival.
 */
final class PodWatch implements AutoCloseable {
    private static final int WATCH_TIMEOUT_SECONDS = 3600;

    final Map<String, Long> bound = new ConcurrentHashMap<>();
    final Map<String, Long> running = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile InputStream stream;
    private volatile boolean closed;
    private volatile String failure;

    PodWatch(ApiClient api, String resourceVersion) {
        this.reader = Thread.ofVirtual().name("pod-watch").start(() -> read(api, resourceVersion));
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
                    failure = "watch ERROR event: " + line;
                    return;
                }
                JsonNode pod = event.path("object");
                String name = pod.path("metadata").path("name").asText();
                if (!pod.path("spec").path("nodeName").asText().isEmpty()) {
                    bound.putIfAbsent(name, arrived);
                }
                if (pod.path("status").path("phase").asText().equals("Running")) {
                    running.putIfAbsent(name, arrived);
                }
            }
            failure = closed ? null : "the watch ended early";
        } catch (IOException | InterruptedException e) {
            failure = closed ? null : "watch failed: " + e;
        }
    }

    /** Waits until {@code expected} pods are Running, the watch failed, or the timeout passed; true if all are. */
    boolean awaitRunning(int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running.size() < expected && System.nanoTime() < deadline && failure == null) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return running.size() >= expected;
    }

    String failure() {
        return failure;
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

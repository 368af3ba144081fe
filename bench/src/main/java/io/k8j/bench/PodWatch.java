package io.k8j.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
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
    private final WatchEvents watch;
    private volatile String failure;

    PodWatch(ApiClient api, String resourceVersion) {
        this.watch = new WatchEvents(api, resourceVersion, WATCH_TIMEOUT_SECONDS, "pod-watch", new WatchEvents.Listener() {
            @Override
            public void event(JsonNode event, long arrived) {
                podEvent(event, arrived);
            }

            @Override
            public void ended(Exception error) {
                fail(error == null ? "the watch ended early" : "watch failed: " + error);
            }
        });
    }

    private void podEvent(JsonNode event, long arrived) {
        if (event.path("type").asText().equals("ERROR")) {
            fail("watch ERROR event: " + event);
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

    /** The first failure is the one reported. */
    private synchronized void fail(String why) {
        if (failure == null) {
            failure = why;
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
        watch.close();
    }
}

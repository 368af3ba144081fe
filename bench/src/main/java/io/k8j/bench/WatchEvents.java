package io.k8j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * One watch stream, read on a virtual thread of its own so that the writes it observes never wait for the
 * stream to be established (servers that send no headers before the first event would deadlock a phase).
 * Each event goes to the listener with the System.nanoTime() of its arrival.
 */
final class WatchEvents implements AutoCloseable {
    interface Listener {
        void event(JsonNode event, long arrivedNanos);

        /** The stream ended without {@link #close}: {@code error} is null when the server ended it. */
        void ended(Exception error);
    }

    private final Thread reader;
    private volatile InputStream stream;
    private volatile boolean closed;

    WatchEvents(ApiClient api, String resourceVersion, int timeoutSeconds, String name, Listener listener) {
        this.reader = Thread.ofVirtual().name(name).start(() -> read(api, resourceVersion, timeoutSeconds, listener));
    }

    private void read(ApiClient api, String resourceVersion, int timeoutSeconds, Listener listener) {
        try {
            stream = api.watch(resourceVersion, timeoutSeconds);
            if (closed) {
                stream.close();
                return;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                long arrived = System.nanoTime();
                listener.event(Json.parse(line.getBytes(StandardCharsets.UTF_8)), arrived);
            }
            if (!closed) {
                listener.ended(null);
            }
        } catch (IOException | InterruptedException e) {
            if (!closed) {
                listener.ended(e);
            }
        }
    }

    boolean isReading() {
        return reader.isAlive();
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

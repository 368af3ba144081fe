package io.k8j.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.registry.WatchSink;
import io.k8j.apiserver.table.TableConverter;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import io.k8j.storage.CompactedException;
import io.k8j.storage.StorageException;

/**
 * Encodes watch events the way kube-apiserver does ({@code {"type":...,"object":...}}, one per line or
 * message), as Tables when the client asked for them, and hands the bytes to a transport.
 */
public final class WatchStream implements WatchSink {
    private final ResourceType type;
    private final boolean table;
    private final Clock clock;
    private final Consumer<byte[]> transport;
    private volatile long lastRevision;
    private final CountDownLatch ended = new CountDownLatch(1);

    public WatchStream(ResourceType type, boolean table, Clock clock, Consumer<byte[]> transport) {
        this.type = type;
        this.table = table;
        this.clock = clock;
        this.transport = transport;
    }

    @Override
    public void event(String eventType, ObjectNode object) {
        lastRevision = revisionOf(object);
        ObjectNode payload = table
                ? TableConverter.forResource(type).toTable(List.of(object), null,
                object.path("metadata").path("resourceVersion").asText(), null, clock.instant())
                : object;
        send(eventType, payload);
    }

    @Override
    public void initialEventsEnd(long revision) {
        lastRevision = Math.max(lastRevision, revision);
        ObjectNode obj = bookmarkObject(revision);
        obj.with("metadata").putObject("annotations").put("k8s.io/initial-events-end", "true");
        send("BOOKMARK", obj);
    }

    @Override
    public void terminated(StorageException cause) {
        if (cause instanceof CompactedException) {
            error(ApiException.expired(cause.getMessage()));
        }
        end();
    }

    /** Ends the stream: the client went away, or the store ended the watch. */
    public void end() {
        ended.countDown();
    }

    /** Waits up to {@code millis} for the stream to end; true when it has. */
    public boolean awaitEnd(long millis) throws InterruptedException {
        return ended.await(millis, TimeUnit.MILLISECONDS);
    }

    /** A BOOKMARK carrying the last revision this stream has passed. */
    public void bookmark(long currentRevision) {
        long rv = Math.max(lastRevision, currentRevision);
        send("BOOKMARK", bookmarkObject(rv));
    }

    public void error(ApiException e) {
        send("ERROR", e.status());
    }

    private ObjectNode bookmarkObject(long revision) {
        ObjectNode obj = Json.object();
        obj.put("kind", type.kind());
        obj.put("apiVersion", type.apiVersion());
        obj.putObject("metadata").put("resourceVersion", Long.toString(revision));
        return obj;
    }

    private void send(String eventType, ObjectNode object) {
        ObjectNode event = Json.object();
        event.put("type", eventType);
        event.set("object", object);
        byte[] bytes = Json.bytes(event);
        byte[] line = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, line, 0, bytes.length);
        line[bytes.length] = '\n';
        transport.accept(line);
    }

    private static long revisionOf(ObjectNode object) {
        try {
            return Long.parseLong(object.path("metadata").path("resourceVersion").asText("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

package io.k8j.apiserver.http;

import io.k8j.api.ApiException;
import io.k8j.apiserver.registry.GenericStore;
import io.k8j.apiserver.registry.ListOptions;
import io.k8j.apiserver.watch.WatchStream;
import io.k8j.storage.Storage;
import io.k8j.storage.StorageException;
import io.k8j.storage.WatchHandle;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;

import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Serves watches over chunked HTTP (kubectl, Python) or a WebSocket (fabric8). A watch ends at
 * timeoutSeconds (at once when it is negative), when the client goes away, or when the client cannot keep up
 * for {@code STALL_SECONDS}; clients then re-watch from their last resourceVersion.
 */
final class WatchResponder {
    private static final long STALL_SECONDS = 30;
    private static final long BOOKMARK_EVERY_MS = 60_000;

    private final Storage storage;
    private final Clock clock;
    private final long minRequestTimeoutSeconds;

    /** {@code minRequestTimeoutSeconds}: kube's --min-request-timeout, which bounds watches without a timeout. */
    WatchResponder(Storage storage, Clock clock, long minRequestTimeoutSeconds) {
        this.storage = storage;
        this.clock = clock;
        this.minRequestTimeoutSeconds = minRequestTimeoutSeconds;
    }

    void serve(ApiRequest req, GenericStore store, String ns, ListOptions options) {
        HttpServerResponse resp = req.raw().response();
        boolean table = MediaTypes.wantsTable(req.header("Accept"));
        resp.setStatusCode(200);
        resp.setChunked(true);
        resp.putHeader("Content-Type", table ? MediaTypes.TABLE : MediaTypes.JSON);
        resp.putHeader("Cache-Control", "no-cache, private");
        // Headers now, as kube-apiserver flushes them: otherwise they wait for the first event, and a
        // client's call to open a watch on a quiet resource blocks (or times out) until something changes.
        resp.writeHead();
        Consumer<byte[]> transport = bytes -> writeWithBackpressure(resp, Buffer.buffer(bytes));
        run(store, ns, options, new WatchStream(store.type(), table, clock, transport), resp::end, resp::closeHandler);
    }

    /** fabric8's watch: each event is one WebSocket text message. */
    void serveWebSocket(ServerWebSocket ws, GenericStore store, String ns, ListOptions options) {
        Consumer<byte[]> transport = bytes -> {
            if (!ws.isClosed()) {
                ws.writeTextMessage(new String(bytes, 0, bytes.length - 1, java.nio.charset.StandardCharsets.UTF_8));
            }
        };
        run(store, ns, options, new WatchStream(store.type(), false, clock, transport), () -> ws.close(),
                ws::closeHandler);
    }

    private void run(GenericStore store, String ns, ListOptions options, WatchStream stream, Runnable end,
                     Consumer<io.vertx.core.Handler<Void>> onClientClose) {
        if (options.timeoutSeconds() < 0) {
            // kube's watch timer with a negative duration has fired before the first event: an empty 200
            end.run();
            return;
        }
        onClientClose.accept(v -> stream.end());
        WatchHandle handle;
        try {
            handle = store.reader().watch(ns, options, stream);
        } catch (ApiException | StorageException e) {
            stream.error(e instanceof StorageException se ? StorageErrors.toApi(se) : (ApiException) e);
            end.run();
            return;
        }
        long deadline = System.currentTimeMillis() + timeoutMillis(options.timeoutSeconds());
        try {
            while (!stream.awaitEnd(Math.min(BOOKMARK_EVERY_MS, Math.max(1, deadline - System.currentTimeMillis())))) {
                if (System.currentTimeMillis() >= deadline) {
                    break;
                }
                if (options.allowBookmarks()) {
                    stream.bookmark(storage.currentRevision());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            handle.close();
            end.run();
        }
    }

    /**
     * The client's timeoutSeconds, else --min-request-timeout times a random factor in [1, 2), as kube spreads
     * watch ends so that clients do not all come back at once.
     */
    long timeoutMillis(long requestedSeconds) {
        if (requestedSeconds > 0) {
            return requestedSeconds * 1000;
        }
        return (long) (minRequestTimeoutSeconds * 1000 * (1 + java.util.concurrent.ThreadLocalRandom.current().nextDouble()));
    }

    /**
     * Writes one event; when that leaves the response's queue full, waits until this write has gone out.
     * Waiting on the write's own future cannot miss its completion, as a drain handler installed after
     * the writeQueueFull() check can (the queue may drain in between, and no drain event follows).
     */
    private static void writeWithBackpressure(HttpServerResponse resp, Buffer buffer) {
        if (resp.closed() || resp.ended()) {
            return;
        }
        Future<Void> written = resp.write(buffer);
        if (!resp.writeQueueFull()) {
            return;
        }
        try {
            written.toCompletionStage().toCompletableFuture().get(STALL_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            resp.reset();
        } catch (ExecutionException e) {
            // the stream is gone; the close handler ends the watch
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

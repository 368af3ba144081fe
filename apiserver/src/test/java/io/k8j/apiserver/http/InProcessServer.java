package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import io.k8j.api.ResourceCatalog;
import io.k8j.api.apply.ManagedFields;
import io.k8j.api.openapi.FieldValidator;
import io.k8j.api.openapi.OpenApi;
import io.k8j.apiserver.discovery.Discovery;
import io.k8j.apiserver.registry.FieldManager;
import io.k8j.apiserver.registry.Registry;
import io.k8j.apiserver.registry.strategy.ServiceAllocator;
import io.k8j.apiserver.registry.strategy.Strategies;
import io.k8j.storage.cache.WatchCache;
import io.k8j.storage.sqlite.SqliteStorage;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The request pipeline on plain HTTP over a throwaway store, for tests of what clients see on the wire. */
final class InProcessServer implements AutoCloseable {
    private static final FieldManager RECORDER = (old, obj, options, apiVersion, subresource, now) -> options.apply()
            ? obj : ManagedFields.recordUpdate(old, obj, options.fieldManager(), apiVersion, "Update", now, subresource);

    /** A response: status code and the JSON body. */
    record Reply(int code, ObjectNode body) {
    }

    final Registry registry;
    private final WatchCache storage;
    private final Vertx vertx = Vertx.vertx();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    InProcessServer(Path dir) throws Exception {
        storage = new WatchCache(new SqliteStorage(dir.resolve("db")));
        ResourceCatalog catalog = ResourceCatalog.builtIn();
        ServiceAllocator allocator = new ServiceAllocator();
        Clock clock = Clock.systemUTC();
        registry = new Registry(catalog, storage, t -> Strategies.forResource(t, allocator), RECORDER, clock);
        ApiHandler handler = HttpComponents.handler(vertx, registry, storage, executor, clock, new Discovery(catalog),
                new OpenApi(catalog), new FieldValidator(), "127.0.0.1:0");
        server = vertx.createHttpServer().requestHandler(handler).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    Reply send(String method, String path, String jsonBody) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody);
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .method(method, body).header("Content-Type", "application/json").header("Accept", "application/json")
                .build();
        HttpResponse<byte[]> resp = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(resp.statusCode(), Json.parseObject(resp.body()));
    }

    /** Sends {@code body} with the given Content-Type (none when null) and returns the raw response. */
    HttpResponse<byte[]> sendRaw(String method, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            req.header("Content-Type", contentType);
        }
        return client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        executor.shutdownNow();
        storage.close();
    }
}

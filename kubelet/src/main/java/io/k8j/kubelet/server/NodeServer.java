package io.k8j.kubelet.server;

import io.k8j.kubelet.KubeletConfig;
import io.k8j.kubelet.pod.PodSource;
import io.k8j.kubelet.runtime.ContainerRuntime;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The kubelet's HTTPS server (port 10250 by default): callers must present a client certificate signed by
 * the cluster CA (the API server does). Serves GET /containerLogs/{ns}/{pod}/{container}, /healthz and the
 * streaming upgrades /exec, /attach and /portForward ({@link StreamingServer}).
 */
public final class NodeServer implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private final StreamingServer streaming;

    private NodeServer(Vertx vertx, HttpServer server, ContainerRuntime runtime) {
        this.vertx = vertx;
        this.server = server;
        this.streaming = new StreamingServer(runtime, executor);
    }

    /** {@code pods}: the pods this node runs, by namespace/name, whose status explains a log it cannot serve. */
    public static NodeServer start(KubeletConfig config, ContainerRuntime runtime, PodSource pods) {
        Vertx vertx = Vertx.vertx();
        HttpServerOptions options = new HttpServerOptions().setHost(config.hostIp()).setPort(config.nodeServerPort())
                .setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(config.servingCertPem()))
                        .setKeyValue(Buffer.buffer(config.servingKeyPem())))
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(config.clientCaPem())))
                .setClientAuth(ClientAuth.REQUIRED)
                .setWebSocketSubProtocols(StreamingServer.WEBSOCKET_PROTOCOLS);
        ContainerLogs logs = new ContainerLogs(runtime, pods);
        NodeServer[] self = new NodeServer[1];
        try {
            HttpServer server = vertx.createHttpServer(options)
                    .requestHandler(req -> self[0].route(req, logs))
                    .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            self[0] = new NodeServer(vertx, server, runtime);
            return self[0];
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("node server on " + config.hostIp() + ":" + config.nodeServerPort() + ": " + e, e);
        }
    }

    private void route(HttpServerRequest req, ContainerLogs logs) {
        String[] parts = req.path().split("/");
        if (req.method().name().equals("GET") && parts.length == 5 && parts[1].equals("containerLogs")) {
            req.pause();
            executor.submit(() -> logs.serve(req, parts[2], parts[3], parts[4]));
            return;
        }
        if (streaming.route(req, parts)) {
            return;
        }
        if (req.path().equals("/healthz")) {
            // the kubelet's own health check; the API server's nodes/proxy reaches it
            req.response().putHeader("Content-Type", "text/plain; charset=utf-8").end("ok");
            return;
        }
        req.response().setStatusCode(404).end("404 page not found\n");
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        server.close();
        vertx.close();
    }
}

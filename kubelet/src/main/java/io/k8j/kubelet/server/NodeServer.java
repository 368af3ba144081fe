package io.k8j.kubelet.server;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8j.kubelet.KubeletConfig;
import io.k8j.kubelet.pod.PodSource;
import io.k8j.kubelet.runtime.ContainerRuntime;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The kubelet's HTTPS server (port 10250 by default): callers authenticate with a client certificate of the
 * cluster CA (the API server's is in system:masters) or a bearer token, and need RBAC's permission on this node's
 * nodes/SUBRESOURCE ({@link CallerGate}). Serves GET /containerLogs/{ns}/{pod}/{container}, /healthz and the
 * streaming upgrades /exec, /attach and /portForward ({@link StreamingServer}).
 */
public final class NodeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeServer.class);
    private final Vertx vertx;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private final StreamingServer streaming;
    private final CallerGate gate;
    /** What the server started with: the CA of client certificates and client auth stay when the certificate changes. */
    private final ServerSSLOptions ssl;

    private NodeServer(Vertx vertx, HttpServer server, ContainerRuntime runtime, CallerGate gate, ServerSSLOptions ssl) {
        this.vertx = vertx;
        this.ssl = ssl;
        this.server = server;
        this.streaming = new StreamingServer(runtime, executor);
        this.gate = gate;
    }

    /** {@code pods}: the pods this node runs, by namespace/name, whose status explains a log it cannot serve. */
    public static NodeServer start(KubeletConfig config, ContainerRuntime runtime, PodSource pods,
                                   KubernetesClient client) {
        Vertx vertx = Vertx.vertx();
        HttpServerOptions options = new HttpServerOptions().setHost(config.hostIp()).setPort(config.nodeServerPort())
                .setSsl(true)
                .setKeyCertOptions(keyCert(config.servingCertPem(), config.servingKeyPem()))
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(config.clientCaPem())))
                .setClientAuth(ClientAuth.REQUEST) // or a bearer token
                .setWebSocketSubProtocols(StreamingServer.WEBSOCKET_PROTOCOLS);
        ContainerLogs logs = new ContainerLogs(runtime, pods);
        NodeServer[] self = new NodeServer[1];
        try {
            HttpServer server = vertx.createHttpServer(options)
                    .requestHandler(req -> self[0].admit(req, logs))
                    .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            Clock clock = Clock.systemUTC();
            self[0] = new NodeServer(vertx, server, runtime, new CallerGate(new CallerAuthenticator(client, clock),
                    new CallerAuthorizer(client, config.nodeName(), clock)), options.getSslOptions().copy());
            return self[0];
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("node server on " + config.hostIp() + ":" + config.nodeServerPort() + ": " + e, e);
        }
    }

    private static PemKeyCertOptions keyCert(String certPem, String keyPem) {
        return new PemKeyCertOptions().setCertValue(Buffer.buffer(certPem)).setKeyValue(Buffer.buffer(keyPem));
    }

    /** Serves new TLS connections with {@code certPem}; connections already open keep the certificate they have. */
    public void updateServingCertificate(String certPem, String keyPem) {
        try {
            server.updateSSLOptions(ssl.copy().setKeyCertOptions(keyCert(certPem, keyPem))).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("node server: cannot use the new serving certificate: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("node server: interrupted while changing its serving certificate", e);
        }
    }

    /** On the event loop: the gate may ask the API server, so it runs on a virtual thread, then routes back here. */
    private void admit(HttpServerRequest req, ContainerLogs logs) {
        X509Certificate clientCert = clientCertificate(req);
        String authorization = req.getHeader("Authorization");
        boolean upgrade = "websocket".equalsIgnoreCase(req.getHeader("Upgrade")) || SpdyConnections.isUpgrade(req);
        NodeRequestAttributes attributes = NodeRequestAttributes.of(req.method().name(), req.path(), upgrade);
        Context context = Vertx.currentContext();
        req.pause();
        executor.submit(() -> {
            Optional<CallerGate.Refusal> refusal = check(req, clientCert, authorization, attributes);
            context.runOnContext(v -> {
                req.resume();
                if (refusal.isEmpty()) {
                    route(req, logs);
                } else {
                    req.response().setStatusCode(refusal.get().status())
                            .putHeader("Content-Type", "text/plain; charset=utf-8").end(refusal.get().body());
                }
            });
        });
    }

    private Optional<CallerGate.Refusal> check(HttpServerRequest req, X509Certificate clientCert, String authorization,
                                               NodeRequestAttributes attributes) {
        try {
            return gate.check(clientCert, authorization, attributes);
        } catch (RuntimeException e) { // never leave the caller hanging on a paused request
            LOG.warn("node server: checking {} {}: {}", req.method(), req.path(), e.toString());
            return Optional.of(new CallerGate.Refusal(500, "Internal Server Error\n"));
        }
    }

    private static X509Certificate clientCertificate(HttpServerRequest req) {
        SSLSession session = req.connection().sslSession();
        try {
            Certificate[] chain = session == null ? null : session.getPeerCertificates();
            return chain != null && chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException e) {
            return null; // no client certificate: a bearer token or nothing
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

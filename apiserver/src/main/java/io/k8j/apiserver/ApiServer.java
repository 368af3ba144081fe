package io.k8j.apiserver;

import io.k8j.api.ResourceCatalog;
import io.k8j.apiserver.apiextensions.CrdController;
import io.k8j.api.openapi.FieldValidator;
import io.k8j.api.openapi.OpenApi;
import io.k8j.apiserver.authn.Authentication;
import io.k8j.apiserver.authz.Authorization;
import io.k8j.apiserver.authz.BootstrapPolicy;
import io.k8j.apiserver.pki.ServingChain;
import io.k8j.apiserver.discovery.Discovery;
import io.k8j.apiserver.http.ConnectionDeadlines;
import io.k8j.apiserver.http.ApiHandler;
import io.k8j.apiserver.http.StreamProxy;
import io.k8j.apiserver.http.HttpComponents;
import io.k8j.apiserver.http.KubeletProxy;
import io.k8j.apiserver.registry.Registry;
import io.k8j.apiserver.registry.strategy.ServiceAllocator;
import io.k8j.apiserver.registry.strategy.Strategies;
import io.k8j.storage.Storage;
import io.k8j.storage.cache.WatchCache;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A running API server: HTTPS on Vert.x in front of the registry, the watch cache and a storage backend. */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Vertx vertx;
    private final HttpServer server;
    private final WatchCache cache;
    private final ExecutorService executor;
    private final Authorization authorization;
    private final CrdController crds;

    private ApiServer(Vertx vertx, HttpServer server, WatchCache cache, ExecutorService executor, Authorization authorization,
                      CrdController crds) {
        this.crds = crds;
        this.vertx = vertx;
        this.server = server;
        this.cache = cache;
        this.executor = executor;
        this.authorization = authorization;
    }

    public static ApiServer start(ApiServerConfig config) throws Exception {
        Clock clock = Clock.systemUTC();
        Storage storage = config.storage();
        WatchCache cache = new WatchCache(storage);
        ResourceCatalog catalog = ResourceCatalog.builtIn();
        ServiceAllocator allocator = new ServiceAllocator(config.serviceCidr());
        Registry registry = new Registry(catalog, cache, type -> Strategies.forResource(type, allocator, config.tolerationSeconds()),
                new ManagedFieldsRecorder(), clock);
        Bootstrap.ensure(registry, allocator.firstIp());
        BootstrapPolicy.reconcile(registry);
        Authorization authorization = Authorization.start(cache);
        CrdController crds = CrdController.start(registry, clock);

        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.bindAddress()).setPort(config.port())
                .setSsl(true).setUseAlpn(true)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertValue(Buffer.buffer(ServingChain.of(config.servingCert(), config.clientCa())))
                        .setKeyPath(config.servingKey().toString()))
                .setTrustOptions(new PemTrustOptions().addCertPath(config.clientCa().toString()))
                .setClientAuth(ClientAuth.REQUEST)
                // Go's HTTP/2 server allows 250 streams per connection; clients multiplex on one connection.
                .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(250))
                .setMaxWebSocketFrameSize(4 * 1024 * 1024)
                .setMaxWebSocketMessageSize(16 * 1024 * 1024)
                .setWebSocketSubProtocols(StreamProxy.PROTOCOLS)
                // Until its first request a connection may be silent this long (see ConnectionDeadlines).
                .setIdleTimeout((int) ConnectionDeadlines.KUBE_DEFAULTS.firstRequest().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS);
        String address = config.bindAddress() + ":" + config.port();
        ApiHandler handler = HttpComponents.handler(vertx, registry, cache, executor, clock,
                new Discovery(catalog), new OpenApi(catalog), new FieldValidator(), address,
                KubeletProxy.create(config.kubeletClient()), Authentication.create(config.authentication(), registry, clock),
                authorization, config.minRequestTimeoutSeconds(), config.auditor());
        ConnectionDeadlines deadlines = new ConnectionDeadlines(vertx, ConnectionDeadlines.KUBE_DEFAULTS);
        HttpServer server = vertx.createHttpServer(options).connectionHandler(deadlines::connected)
                .requestHandler(deadlines.tracking(handler))
                .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        LOG.info("API server listening on https://{}:{}", config.bindAddress(), server.actualPort());
        Bootstrap.ensureKubernetesEndpoints(registry,
                config.bindAddress().equals("0.0.0.0") ? "127.0.0.1" : config.bindAddress(), server.actualPort());
        return new ApiServer(vertx, server, cache, executor, authorization, crds);
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("closing the HTTP server: {}", e.toString());
        }
        executor.shutdownNow();
        crds.close();
        try {
            authorization.close();
        } catch (Exception e) {
            LOG.warn("closing authorization: {}", e.toString());
        }
        vertx.close();
        cache.close();
    }
}

package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.apiserver.ApiServerConfig;
import io.k8j.apiserver.pki.TlsContexts;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The API server's connection to kubelets' node servers: HTTPS with its own client certificate, to the
 * node's InternalIP and daemonEndpoints.kubeletEndpoint port; the response streams through as it comes.
 * pods/log uses stream(), nodes/proxy forward(); exec, attach and portforward pass the client's upgrade
 * (WebSocket or SPDY) through with upgrade() (Vert.x, same identity).
 */
public final class KubeletProxy {
    private static final Logger LOG = LoggerFactory.getLogger(KubeletProxy.class);
    private final HttpClient http;
    private final ApiServerConfig.KubeletClientCert cert;
    private volatile io.vertx.core.http.HttpClient upgrades;

    private KubeletProxy(HttpClient http, ApiServerConfig.KubeletClientCert cert) {
        this.http = http;
        this.cert = cert;
    }

    /** Null when the server has no kubelet client identity. */
    public static KubeletProxy create(ApiServerConfig.KubeletClientCert cert) {
        if (cert == null) {
            return null;
        }
        return new KubeletProxy(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(TlsContexts.client(cert.certPem(), cert.keyPem(), cert.caPem()))
                .connectTimeout(Duration.ofSeconds(10)).build(), cert);
    }

    /**
     * Sends the kubelet the client's upgrade (as a GET: Vert.x's client only hands over the connection of a GET
     * upgrade; the kubelet takes either) with the client's handshake headers, so that the kubelet's answer is
     * valid for the client; the response is the 101 with its netSocket(), or the kubelet's refusal.
     */
    Future<HttpClientResponse> upgrade(Vertx vertx, String address, String pathAndQuery, MultiMap handshake) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET).setAbsoluteURI("https://" + address + pathAndQuery)
                .putHeader("Connection", "Upgrade").setConnectTimeout(10_000);
        handshake.forEach(options::addHeader);
        return upgradeClient(vertx).request(options).compose(req -> {
            // Without a handler Vert.x logs the connection's end as an error; either side leaving is ordinary.
            req.exceptionHandler(e -> LOG.debug("upgrade to {}: {}", address, e.toString()));
            return req.connect();
        });
    }

    private io.vertx.core.http.HttpClient upgradeClient(Vertx vertx) {
        if (upgrades == null) {
            synchronized (this) {
                if (upgrades == null) {
                    upgrades = vertx.createHttpClient(new HttpClientOptions().setSsl(true)
                            .setKeyCertOptions(keyCert()).setTrustOptions(trust()));
                }
            }
        }
        return upgrades;
    }

    private PemKeyCertOptions keyCert() {
        return new PemKeyCertOptions().setCertValue(Buffer.buffer(cert.certPem())).setKeyValue(Buffer.buffer(cert.keyPem()));
    }

    private PemTrustOptions trust() {
        return new PemTrustOptions().addCertValue(Buffer.buffer(cert.caPem()));
    }

    /**
     * GETs {@code pathAndQuery} from the node's kubelet and streams the answer to the client; a kubelet error
     * becomes kube's Status for {@code resource} {@code name} ({@link KubeletErrors}).
     */
    void stream(ApiRequest req, ObjectNode node, String pathAndQuery, String resource, String name) {
        URI uri = URI.create("https://" + address(node) + pathAndQuery);
        relay(req, HttpRequest.newBuilder(uri).GET().build(), "Get \"" + uri + "\": ",
                (code, body) -> KubeletErrors.of(code, KubeletErrors.read(body), resource, name));
    }

    /**
     * Sends the client's request (method, body, Content-Type and Accept) on to {@code pathAndQuery} of the node's
     * kubelet and streams its answer back, status code and all (nodes/proxy).
     */
    void forward(ApiRequest req, ObjectNode node, String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://" + address(node) + pathAndQuery))
                .method(req.method(), req.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(req.body()));
        for (String h : List.of("Content-Type", "Accept")) {
            if (req.header(h) != null) {
                b.header(h, req.header(h));
            }
        }
        relay(req, b.build(), "error trying to reach service: ", null);
    }

    /** A kubelet's error answer (status code and body) as the ApiException the client gets. */
    private interface ErrorAnswer {
        ApiException of(int code, InputStream body) throws IOException;
    }

    /** Streams the kubelet's answer to {@code request} back; errors become {@code onError}'s, or pass through when null. */
    private void relay(ApiRequest req, HttpRequest request, String failurePrefix, ErrorAnswer onError) {
        HttpResponse<InputStream> upstream;
        try {
            upstream = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            // the JDK client's refusal carries no message; kube prints Go's dial error
            URI uri = request.uri();
            throw ApiException.internal(failurePrefix + "dial tcp " + uri.getHost() + ":" + uri.getPort()
                    + ": connect: connection refused");
        } catch (IOException e) {
            throw ApiException.internal(failurePrefix + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.internal("interrupted");
        }
        HttpServerResponse resp = req.raw().response();
        try (InputStream body = upstream.body()) {
            if (onError != null && (upstream.statusCode() < 200 || upstream.statusCode() > 206)) {
                throw onError.of(upstream.statusCode(), body);
            }
            resp.setStatusCode(upstream.statusCode()).setChunked(true);
            resp.putHeader("Content-Type", upstream.headers().firstValue("Content-Type").orElse("text/plain"));
            resp.closeHandler(v -> close(body));
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = body.read(buf)) >= 0 && !resp.closed()) {
                if (n > 0) {
                    // Waiting for each write keeps a slow client from piling the log up in memory.
                    resp.write(Buffer.buffer(java.util.Arrays.copyOf(buf, n))).toCompletionStage().toCompletableFuture()
                            .get(30, TimeUnit.SECONDS);
                }
            }
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            LOG.debug("streaming {}: {}", request.uri(), e.toString()); // the client or the kubelet went away
        }
        if (!resp.ended() && !resp.closed()) {
            resp.end();
        }
    }

    /** host:port of the node's kubelet; a 400 when the node does not say. */
    static String address(ObjectNode node) {
        String ip = null;
        for (JsonNode a : node.path("status").path("addresses")) {
            if (a.path("type").asText().equals("InternalIP")) {
                ip = a.path("address").asText();
            }
        }
        int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt(0);
        if (ip == null || port == 0) {
            throw ApiException.badRequest("node " + node.path("metadata").path("name").asText()
                    + " has no InternalIP or kubelet port in its status");
        }
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing only to stop reading
        }
    }
}

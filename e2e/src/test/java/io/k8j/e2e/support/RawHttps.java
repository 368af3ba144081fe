package io.k8j.e2e.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS to a k8j server as someone without credentials would send it (an attacker, or a client with only a
 * bearer token): it trusts the cluster CA, presents no client certificate, and sends exactly the headers given.
 */
public final class RawHttps {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String server;
    private final SSLContext tls;
    private final HttpClient http;

    public RawHttps(K8jServer k8j) {
        this.server = k8j.url();
        this.tls = trusting(k8j.dataDir().resolve("pki/ca.crt"));
        this.http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A TLS context that trusts the CA in {@code caFile} and has no key of its own. */
    public static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public SSLContext tls() {
        return tls;
    }

    public HttpClient http() {
        return http;
    }

    /** One request; {@code headers} are name, value pairs; {@code body} may be null. */
    public ApiClient.Response send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiClient.Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().allValues("Warning"), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET with {@code Authorization: Bearer token}. */
    public ApiClient.Response getWithToken(String path, String token) {
        return send("GET", path, null, "Authorization", "Bearer " + token);
    }
}

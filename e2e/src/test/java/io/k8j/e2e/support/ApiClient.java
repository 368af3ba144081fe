package io.k8j.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Plain HTTPS requests to a k8j server as the kubeconfig's admin user (client certificate), for tests
 * that must control the exact bytes, headers and query a client sends. Every call is bounded.
 */
public final class ApiClient {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String server;

    private ApiClient(HttpClient http, String server) {
        this.http = http;
        this.server = server;
    }

    /** Reads server URL, CA, client certificate and private key (all inline, base64) from a kubeconfig. */
    public static ApiClient fromKubeconfig(Path kubeconfig) {
        try {
            JsonNode cfg = new ObjectMapper(new YAMLFactory()).readTree(kubeconfig.toFile());
            JsonNode cluster = cfg.at("/clusters/0/cluster");
            JsonNode user = cfg.at("/users/0/user");
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", x509.generateCertificate(
                    new ByteArrayInputStream(decode(cluster.path("certificate-authority-data")))));
            Certificate[] chain = x509.generateCertificates(
                    new ByteArrayInputStream(decode(user.path("client-certificate-data")))).toArray(new Certificate[0]);
            char[] password = "e2e".toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("admin", privateKey(new String(decode(user.path("client-key-data")), StandardCharsets.UTF_8)),
                    password, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            HttpClient http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            return new ApiClient(http, cluster.path("server").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bad credentials in " + kubeconfig, e);
        }
    }

    private static byte[] decode(JsonNode base64) {
        return Base64.getDecoder().decode(base64.asText());
    }

    /** PKCS#8 ("PRIVATE KEY"), SEC1 ("EC PRIVATE KEY") or PKCS#1 ("RSA PRIVATE KEY"), as kubectl accepts. */
    private static PrivateKey privateKey(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object key = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            return switch (key) {
                case PEMKeyPair pair -> converter.getPrivateKey(pair.getPrivateKeyInfo());
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case null, default -> throw new IOException("no private key in client-key-data");
            };
        }
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response post(String path, String json) {
        return send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public Response put(String path, String json) {
        return send("PUT", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public Response patch(String path, String contentType, String body) {
        return send("PATCH", path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** Sends one request; {@code contentType} and {@code body} may be null. */
    public Response send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + path)).timeout(TIMEOUT)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().allValues("Warning"), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One answer; {@link #json()} parses the body (a Status for errors). */
    public record Response(int code, String contentType, java.util.List<String> warnings, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (HTTP " + code + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return "HTTP " + code + " " + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body);
        }
    }
}

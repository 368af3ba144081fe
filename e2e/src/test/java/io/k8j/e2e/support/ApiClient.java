package io.k8j.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k8j.apiserver.pki.KubeconfigCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

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

    /** As the kubeconfig's current context: its server URL, CA and client certificate. */
    public static ApiClient fromKubeconfig(Path kubeconfig) {
        KubeconfigCredentials credentials = KubeconfigCredentials.read(kubeconfig);
        HttpClient http = HttpClient.newBuilder().sslContext(credentials.sslContext())
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        return new ApiClient(http, credentials.server());
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

package io.k8j.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.k8j.api.Json;
import io.k8j.apiserver.pki.IssuedCert;
import io.k8j.apiserver.pki.SelfSignedCerts;
import io.k8j.apiserver.pki.TlsContexts;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An admission webhook server on 127.0.0.1 for tests: HTTPS with a certificate of its own throwaway CA (made with
 * Bouncy Castle), one handler per path that turns an AdmissionReview's request into its response (the uid is filled
 * in), and a record of every request received.
 */
public final class WebhookServer implements AutoCloseable {
    private final HttpsServer server;
    private final ExecutorService executor;
    private final String caPem;
    private final ConcurrentLinkedQueue<JsonNode> received = new ConcurrentLinkedQueue<>();

    private WebhookServer(HttpsServer server, ExecutorService executor, String caPem) {
        this.server = server;
        this.executor = executor;
        this.caPem = caPem;
    }

    /** {@code handlers} maps a path ("/mutate") to what answers an AdmissionReview's request there. */
    public static WebhookServer start(Map<String, Function<JsonNode, ObjectNode>> handlers) {
        IssuedCert cert = SelfSignedCerts.serving("127.0.0.1", List.of("127.0.0.1"), Duration.ofHours(1));
        // the PEM is the leaf then its CA: the CA is what a webhook configuration's caBundle trusts
        String leaf = cert.certPem().substring(0, cert.certPem().indexOf("-----END CERTIFICATE-----") + 26);
        String ca = cert.certPem().substring(leaf.length()).strip() + "\n";
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.setHttpsConfigurator(new HttpsConfigurator(TlsContexts.client(leaf, cert.keyPem(), ca)));
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            WebhookServer webhooks = new WebhookServer(server, executor, ca);
            handlers.forEach((path, handler) -> server.createContext(path, exchange -> webhooks.answer(exchange, handler)));
            server.start();
            return webhooks;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the webhook server", e);
        }
    }

    private void answer(HttpExchange exchange, Function<JsonNode, ObjectNode> handler) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            JsonNode request = Json.parse(body.readAllBytes()).path("request");
            received.add(request);
            ObjectNode response = handler.apply(request);
            response.put("uid", request.path("uid").asText());
            ObjectNode review = Json.object();
            review.put("apiVersion", "admission.k8s.io/v1");
            review.put("kind", "AdmissionReview");
            review.set("response", response);
            byte[] bytes = Json.bytes(review);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** The base64 PEM of the CA, as a webhook's clientConfig.caBundle. */
    public String caBundle() {
        return Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
    }

    public String url(String path) {
        return "https://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The AdmissionReview requests received so far, oldest first. */
    public List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** An allowing response with a JSON patch. */
    public static ObjectNode patching(String jsonPatch) {
        ObjectNode response = allowed();
        response.put("patchType", "JSONPatch");
        response.put("patch", Base64.getEncoder().encodeToString(jsonPatch.getBytes(StandardCharsets.UTF_8)));
        return response;
    }

    public static ObjectNode allowed() {
        ObjectNode response = Json.object();
        response.put("allowed", true);
        return response;
    }

    public static ObjectNode denied(int code, String message) {
        ObjectNode response = Json.object();
        response.put("allowed", false);
        response.putObject("status").put("code", code).put("message", message);
        return response;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

package io.k8j.bench;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** A validating webhook on 127.0.0.1 that allows everything and counts its calls: the cost of one webhook. */
final class NoopWebhook implements AutoCloseable {
    private final HttpsServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String caBundle;
    private final AtomicLong calls = new AtomicLong();

    NoopWebhook() throws IOException {
        IssuedCert cert = SelfSignedCerts.serving("127.0.0.1", List.of("127.0.0.1"), Duration.ofHours(4));
        String pem = cert.certPem();
        int leafEnd = pem.indexOf("-----END CERTIFICATE-----") + "-----END CERTIFICATE-----".length();
        String ca = pem.substring(leafEnd).strip() + "\n";
        caBundle = Base64.getEncoder().encodeToString(ca.getBytes(StandardCharsets.US_ASCII));
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setHttpsConfigurator(new HttpsConfigurator(TlsContexts.client(pem.substring(0, leafEnd), cert.keyPem(), ca)));
        server.setExecutor(executor);
        server.createContext("/validate", this::allow);
        server.start();
    }

    private void allow(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            JsonNode request = Json.parse(in.readAllBytes()).path("request");
            ObjectNode review = Json.object().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
            review.putObject("response").put("uid", request.path("uid").asText()).put("allowed", true);
            byte[] body = Json.bytes(review);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            calls.incrementAndGet();
        }
    }

    long calls() {
        return calls.get();
    }

    /** A ValidatingWebhookConfiguration calling this webhook on ConfigMap creates in {@code namespace} only. */
    ObjectNode configuration(String name, String namespace) {
        ObjectNode config = Json.object().put("apiVersion", "admissionregistration.k8s.io/v1")
                .put("kind", "ValidatingWebhookConfiguration");
        config.putObject("metadata").put("name", name);
        ObjectNode hook = config.putArray("webhooks").addObject().put("name", name + ".bench.k8j.io")
                .put("sideEffects", "None").put("failurePolicy", "Fail");
        hook.putArray("admissionReviewVersions").add("v1");
        hook.putObject("clientConfig").put("url", "https://127.0.0.1:" + server.getAddress().getPort() + "/validate")
                .put("caBundle", caBundle);
        ObjectNode rule = hook.putArray("rules").addObject();
        rule.putArray("operations").add("CREATE");
        rule.putArray("apiGroups").add("");
        rule.putArray("apiVersions").add("v1");
        rule.putArray("resources").add("configmaps");
        hook.putObject("namespaceSelector").putObject("matchLabels").put("kubernetes.io/metadata.name", namespace);
        return config;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

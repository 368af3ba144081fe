package io.k8j.apiserver.admission.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * POSTs an AdmissionReview to a webhook's clientConfig.url and returns the review's {@code response}. Failures read as
 * kube's (Go's) errors, e.g. {@code failed to call webhook: Post "URL": dial tcp HOST:PORT: connect: connection refused}.
 */
final class WebhookCaller {
    private final WebhookClients clients = new WebhookClients();

    JsonNode call(JsonNode webhook, ObjectNode review) throws WebhookCallException {
        JsonNode config = webhook.path("clientConfig");
        if (!config.hasNonNull("url")) {
            throw new WebhookCallException("failed to call webhook: webhooks by service are not supported by k8j yet; use clientConfig.url");
        }
        int timeout = webhook.path("timeoutSeconds").asInt(10);
        // as kube, the timeout travels in the URL so that the webhook can honour it
        URI uri = URI.create(config.get("url").asText() + "?timeout=" + timeout + "s");
        HttpClient client = clients.forCaBundle(config.path("caBundle").asText(""));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(timeout))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(review))).build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new WebhookCallException("failed to call webhook: Post \"" + uri + "\": " + goError(e, uri));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebhookCallException("failed to call webhook: Post \"" + uri + "\": context canceled");
        }
        if (response.statusCode() / 100 != 2) {
            throw new WebhookCallException("failed to call webhook: the server responded with the status code "
                    + response.statusCode() + " but did not return more information");
        }
        return responseOf(response.body(), review.path("request").path("uid").asText());
    }

    /** The {@code response} of a review answered for the request {@code uid}. */
    static JsonNode responseOf(byte[] body, String uid) throws WebhookCallException {
        JsonNode answer;
        try {
            answer = Json.parse(body);
        } catch (IOException e) {
            throw new WebhookCallException("received invalid webhook response: " + e.getMessage());
        }
        JsonNode response = answer.path("response");
        if (!response.isObject()) {
            throw new WebhookCallException("received invalid webhook response: webhook response was absent");
        }
        String got = response.path("uid").asText("");
        if (!got.equals(uid)) {
            throw new WebhookCallException("received invalid webhook response: expected response.uid=\"" + uid
                    + "\", got \"" + got + "\"");
        }
        return response;
    }

    private static String goError(IOException e, URI uri) {
        if (e instanceof HttpTimeoutException) {
            return "context deadline exceeded";
        }
        if (e instanceof ConnectException) {
            return "dial tcp " + uri.getHost() + ":" + port(uri) + ": connect: connection refused";
        }
        if (e instanceof SSLException || e.getCause() instanceof SSLException) {
            return "tls: failed to verify certificate: x509: certificate signed by unknown authority";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static int port(URI uri) {
        return uri.getPort() < 0 ? 443 : uri.getPort();
    }
}

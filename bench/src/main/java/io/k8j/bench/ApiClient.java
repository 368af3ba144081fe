package io.k8j.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import io.k8j.apiserver.pki.KubeconfigCredentials;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls on one collection (ConfigMaps unless told otherwise) over the JDK HttpClient, as kubectl makes
 * them: HTTP/2 over TLS with the admin client certificate, JSON bodies. All calls share one client, so
 * requests multiplex over one connection as client-go's do. A status other than the expected one throws with the server's Status message.
 */
final class ApiClient {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final String server;
    private final String namespace;
    private final String collection;
    private final String bearerToken;

    ApiClient(KubeconfigCredentials credentials, String namespace) {
        this(credentials, namespace, "/api/v1/namespaces/" + namespace + "/configmaps");
    }

    /** A client for the objects under {@code collectionPath} (e.g. /api/v1/namespaces/NS/pods, /api/v1/nodes). */
    ApiClient(KubeconfigCredentials credentials, String namespace, String collectionPath) {
        this(credentials, namespace, collectionPath, null);
    }

    /** A client that authenticates with {@code bearerToken}; {@code credentials} should carry no client certificate. */
    ApiClient(KubeconfigCredentials credentials, String namespace, String collectionPath, String bearerToken) {
        this.bearerToken = bearerToken;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(credentials.sslContext()).connectTimeout(Duration.ofSeconds(10)).build();
        this.server = credentials.server();
        this.namespace = namespace;
        this.collection = server + collectionPath;
    }

    String namespace() {
        return namespace;
    }

    /** Creates the namespace unless it exists. */
    void ensureNamespace() throws IOException, InterruptedException {
        ObjectNode ns = Json.object().put("apiVersion", "v1").put("kind", "Namespace");
        ns.putObject("metadata").put("name", namespace);
        expectCreated("create namespace", send(request(server + "/api/v1/namespaces").POST(body(ns))));
    }

    /** GET of {@code path} on the server (e.g. /apis/rbac.authorization.k8s.io/v1/clusterroles/edit). */
    ObjectNode getPath(String path) throws IOException, InterruptedException {
        return Json.parseObject(expect("get " + path, send(request(server + path).GET()), 200));
    }

    /** POST of {@code obj} to the collection at {@code path}; an object that exists already is left as it is. */
    void createIfAbsent(String path, ObjectNode obj) throws IOException, InterruptedException {
        expectCreated("create in " + path, send(request(server + path).POST(body(obj))));
    }

    /** POST of {@code obj} to {@code path}, expecting 201 Created; returns the response. */
    ObjectNode post(String path, ObjectNode obj) throws IOException, InterruptedException {
        return Json.parseObject(expect("create in " + path, send(request(server + path).POST(body(obj))), 201));
    }

    /** 201, or 409 when it exists already. */
    private static void expectCreated(String verb, HttpResponse<byte[]> r) throws IOException {
        if (r.statusCode() != 201 && r.statusCode() != 409) {
            throw failure(verb, r);
        }
    }

    void create(ObjectNode configMap) throws IOException, InterruptedException {
        expect("create", send(request(collection).POST(body(configMap))), 201);
    }

    ObjectNode get(String name) throws IOException, InterruptedException {
        return Json.parseObject(expect("get", send(request(collection + "/" + name).GET()), 200));
    }

    void update(ObjectNode configMap) throws IOException, InterruptedException {
        String name = configMap.path("metadata").path("name").asText();
        expect("update", send(request(collection + "/" + name).PUT(body(configMap))), 200);
    }

    void delete(String name) throws IOException, InterruptedException {
        expect("delete", send(request(collection + "/" + name).DELETE()), 200);
    }

    /** One page of the collection; {@code continueToken} null for the first. */
    ObjectNode list(int limit, String continueToken) throws IOException, InterruptedException {
        return Json.parseObject(expect("list", send(request(pageUri(limit, continueToken)).GET()), 200));
    }

    private String pageUri(int limit, String continueToken) {
        return collection + "?limit=" + limit
                + (continueToken == null ? "" : "&continue=" + URLEncoder.encode(continueToken, StandardCharsets.UTF_8));
    }

    /** How many items one page of a list holds, and the token for the next page (null or empty on the last). */
    record PageCount(int items, String continueToken) {
    }

    /**
     * One page of the collection, only counted: a streaming parse that skips each item, so that the client, which
     * shares the machine with the server, spends little CPU on what it does not look at.
     */
    PageCount countPage(int limit, String continueToken) throws IOException, InterruptedException {
        byte[] body = expect("list", send(request(pageUri(limit, continueToken)).GET()), 200);
        int items = 0;
        String next = null;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
            p.nextToken(); // the list object
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("items")) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        p.skipChildren();
                        items++;
                    }
                } else if (field.equals("metadata")) {
                    JsonNode meta = Json.MAPPER.readTree(p);
                    next = meta.path("continue").asText(null);
                } else {
                    p.skipChildren();
                }
            }
        }
        return new PageCount(items, next);
    }

    /**
     * Opens a watch on the namespace from {@code resourceVersion}; the stream carries one JSON event per
     * line. Returns once the server has sent the response headers, without a request timeout (a watch is
     * long-lived); the server ends it after {@code timeoutSeconds}.
     */
    InputStream watch(String resourceVersion, int timeoutSeconds) throws IOException, InterruptedException {
        URI uri = URI.create(collection + "?watch=true&resourceVersion=" + resourceVersion
                + "&timeoutSeconds=" + timeoutSeconds);
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            try (InputStream in = r.body()) {
                throw new IOException("watch: HTTP " + r.statusCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return r.body();
    }

    private HttpRequest.Builder request(String uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").header("Content-Type", "application/json");
        return bearerToken == null ? b : b.header("Authorization", "Bearer " + bearerToken);
    }

    private static HttpRequest.BodyPublisher body(ObjectNode obj) {
        return HttpRequest.BodyPublishers.ofByteArray(Json.bytes(obj));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] expect(String verb, HttpResponse<byte[]> r, int status) throws IOException {
        if (r.statusCode() != status) {
            throw failure(verb, r);
        }
        return r.body();
    }

    private static IOException failure(String verb, HttpResponse<byte[]> r) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        return new IOException(verb + ": HTTP " + r.statusCode() + " " + body.substring(0, Math.min(300, body.length())));
    }
}

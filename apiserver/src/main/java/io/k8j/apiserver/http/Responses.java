package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes complete responses: JSON objects, Status errors, raw bytes. A JSON body ends with a newline, as
 * kube-apiserver's encoder (Go's json.Encoder) writes it.
 */
public final class Responses {
    private Responses() {
    }

    public static void json(ApiRequest req, int code, JsonNode body) {
        json(req, code, body, MediaTypes.JSON);
    }

    public static void json(ApiRequest req, int code, JsonNode body, String contentType) {
        bytes(req, code, encode(body), contentType);
    }

    /** A JSON document as kube-apiserver encodes it: compact, then a newline. */
    public static byte[] encode(JsonNode body) {
        byte[] json = Json.bytes(body);
        byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
        out[json.length] = '\n';
        return out;
    }

    /** A Status error on a response that has no {@link ApiRequest} (before the body was read, or an upgrade). */
    static void error(HttpServerResponse resp, ApiException e) {
        if (!resp.ended() && !resp.closed()) {
            retryAfter(resp, e);
            resp.setStatusCode(e.code()).putHeader("Content-Type", MediaTypes.JSON)
                    .putHeader("Cache-Control", "no-cache, private").end(Buffer.buffer(encode(e.status())));
        }
    }

    public static void bytes(ApiRequest req, int code, byte[] body, String contentType) {
        HttpServerResponse resp = req.raw().response();
        if (resp.ended() || resp.closed()) {
            return;
        }
        if (resp.headWritten()) {
            // a streamed response (a watch) failed part way: its status is sent, all that is left is to end it
            resp.end();
            return;
        }
        resp.setStatusCode(code);
        resp.putHeader("Content-Type", contentType);
        resp.putHeader("Cache-Control", "no-cache, private");
        for (String w : req.warnings()) {
            resp.headers().add("Warning", "299 - \"" + w.replace("\"", "\\\"") + "\"");
        }
        resp.end(Buffer.buffer(body));
    }

    public static void error(ApiRequest req, ApiException e) {
        retryAfter(req.raw().response(), e);
        json(req, e.code(), e.status());
    }

    /** kube sends a Status's details.retryAfterSeconds as Retry-After too; client-go waits and retries on it. */
    private static void retryAfter(HttpServerResponse resp, ApiException e) {
        int seconds = e.status().path("details").path("retryAfterSeconds").asInt(0);
        if (seconds > 0 && !resp.headWritten()) {
            resp.putHeader("Retry-After", Integer.toString(seconds));
        }
    }

    /** The Status of a successful delete or binding. */
    public static ObjectNode success(ObjectNode details) {
        ObjectNode s = Json.object();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Success");
        if (details != null) {
            s.set("details", details);
        }
        return s;
    }
}

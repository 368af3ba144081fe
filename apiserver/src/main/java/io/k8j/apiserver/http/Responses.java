package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes complete responses: JSON objects, Status errors, raw bytes. */
public final class Responses {
    private Responses() {
    }

    public static void json(ApiRequest req, int code, JsonNode body) {
        json(req, code, body, MediaTypes.JSON);
    }

    public static void json(ApiRequest req, int code, JsonNode body, String contentType) {
        bytes(req, code, Json.bytes(body), contentType);
    }

    public static void bytes(ApiRequest req, int code, byte[] body, String contentType) {
        HttpServerResponse resp = req.raw().response();
        if (resp.ended() || resp.closed()) {
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
        json(req, e.code(), e.status());
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

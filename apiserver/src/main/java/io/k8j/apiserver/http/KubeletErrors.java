package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A kubelet's error answer (plain text, e.g. {@code container "app" in pod "web" is waiting to start:
 * ContainerCreating}) as the Status kube-apiserver makes of it: GenericHttpResponseChecker with
 * NewGenericServerResponse, so kubectl prints {@code Error from server (BadRequest): <the kubelet's text>}.
 */
final class KubeletErrors {
    /** kube reads at most this much of the kubelet's body. */
    static final int MAX_READ = 50_000;

    private KubeletErrors() {
    }

    static String read(InputStream body) throws IOException {
        return new String(body.readNBytes(MAX_READ), StandardCharsets.UTF_8);
    }

    /** The error for a kubelet answer outside 200-206 to a request about {@code resource} (e.g. pods/log) {@code name}. */
    static ApiException of(int code, String body, String resource, String name) {
        if (code == 400) {
            return ApiException.badRequest(body);
        }
        if (code == 500) {
            ObjectNode details = Json.object();
            details.putArray("causes").addObject().put("message", body);
            return new ApiException(500, "InternalError", "Internal error occurred: " + body, details);
        }
        String reason = "";
        String message = "the server responded with the status code " + code + " but did not return more information";
        switch (code) {
            case 401 -> {
                reason = "Unauthorized";
                message = "the server has asked for the client to provide credentials";
            }
            case 403 -> {
                reason = "Forbidden";
                message = body;
            }
            case 404 -> {
                reason = "NotFound";
                message = "the server could not find the requested resource";
            }
            case 405 -> {
                reason = "MethodNotAllowed";
                message = "the server does not allow this method on the requested resource";
            }
            case 409 -> {
                reason = "Conflict";
                message = "the server reported a conflict";
            }
            case 422 -> {
                reason = "Invalid";
                message = "the server rejected our request due to an error in our request";
            }
            case 429 -> {
                reason = "TooManyRequests";
                message = "the server has received too many requests and has asked us to try again later";
            }
            case 504 -> {
                reason = "Timeout";
                message = "the server was unable to return a response in the time allotted, but may still be "
                        + "processing the request";
            }
            default -> {
                if (code >= 500) {
                    reason = "InternalError";
                    message = "an error on the server (" + Json.MAPPER.valueToTree(body) + ") has prevented the "
                            + "request from succeeding";
                }
            }
        }
        // kube formats "%s (%s %s %s)" with an empty verb, hence the two spaces.
        ObjectNode details = Json.object().put("name", name).put("kind", resource);
        return new ApiException(code, reason, message + " ( " + resource + " " + name + ")", details);
    }
}

package io.k8j.apiserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.api.ResourceType;
import io.k8j.api.proto.ProtobufDecoder;

import java.io.IOException;

/** Turns request bodies into JSON trees, with kube's error answers for what cannot be decoded. */
final class BodyDecoder {
    private BodyDecoder() {
    }

    /**
     * An object body of a create or update, checked against the resource's apiVersion and kind. Without a
     * Content-Type the body is JSON, as kube-apiserver takes its first media type then.
     */
    static ObjectNode object(byte[] body, String contentType, ResourceType type, boolean strictDuplicates) {
        String media = MediaTypes.base(contentType);
        JsonNode node = switch (media) {
            case MediaTypes.JSON, "" -> json(body, type, strictDuplicates);
            case MediaTypes.YAML -> yaml(body, type);
            case MediaTypes.PROTOBUF -> protobuf(body);
            default -> throw ApiException.unsupportedMediaType(MediaTypes.OBJECT_BODIES);
        };
        if (!(node instanceof ObjectNode obj)) {
            throw ApiException.badRequest("Object 'Kind' is missing in '" + abbreviate(body) + "'");
        }
        checkKind(obj, type);
        return obj;
    }

    static JsonNode json(byte[] body, ResourceType type, boolean strictDuplicates) {
        try {
            return strictDuplicates ? Json.MAPPER.readTree(body) : Json.LENIENT.readTree(body);
        } catch (JsonProcessingException e) {
            String detail = e.getOriginalMessage();
            if (strictDuplicates && detail != null && detail.startsWith("Duplicate field")) {
                throw ApiException.badRequest("strict decoding error: json: " + detail);
            }
            String syntax = GoJsonSyntax.error(body);
            if (type != null && syntax != null) {
                // kube's decoder cannot even find the kind: transformDecodeError's "unrecognized" wording
                throw ApiException.badRequest("the object provided is unrecognized (must be of type " + type.kind()
                        + "): couldn't get version/kind; json parse error: " + syntax
                        + " (" + GoJsonSyntax.summary(body) + ")");
            }
            String what = type == null ? "the request body" : type.kind() + " in version \"" + type.version()
                    + "\" cannot be handled as a " + type.kind();
            throw ApiException.badRequest(what + ": " + (detail == null ? "malformed JSON" : detail));
        } catch (IOException e) {
            throw ApiException.badRequest("unable to read the request body: " + e.getMessage());
        }
    }

    static JsonNode yaml(byte[] body, ResourceType type) {
        try {
            return Json.YAML.readTree(body);
        } catch (IOException e) {
            String what = type == null ? "the request body" : type.kind() + " in version \"" + type.version()
                    + "\" cannot be handled as a " + type.kind();
            throw ApiException.badRequest(what + ": error converting YAML to JSON: " + e.getMessage());
        }
    }

    private static JsonNode protobuf(byte[] body) {
        try {
            return ProtobufDecoder.decode(body);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the body of the request could not be decoded as protobuf: " + e.getMessage());
        }
    }

    /** A missing apiVersion/kind takes the URL's, as kube's decoder defaults them; a different one is refused. */
    static void checkKind(ObjectNode obj, ResourceType type) {
        JsonNode apiVersion = obj.get("apiVersion");
        JsonNode kind = obj.get("kind");
        if (apiVersion == null || apiVersion.asText().isEmpty()) {
            obj.put("apiVersion", type.apiVersion());
        } else if (!apiVersion.asText().equals(type.apiVersion())) {
            throw ApiException.badRequest("the API version in the data (" + apiVersion.asText()
                    + ") does not match the expected API version (" + type.apiVersion() + ")");
        }
        if (kind == null || kind.asText().isEmpty()) {
            obj.put("kind", type.kind());
        } else if (!kind.asText().equals(type.kind())) {
            throw ApiException.badRequest("the kind in the data (" + kind.asText()
                    + ") does not match the expected kind (" + type.kind() + ")");
        }
        if (obj.has("metadata") && !obj.get("metadata").isObject()) {
            throw ApiException.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                    + type.kind() + ": json: cannot unmarshal " + obj.get("metadata").getNodeType().name().toLowerCase()
                    + " into Go struct field " + type.kind() + ".metadata of type v1.ObjectMeta");
        }
    }

    private static String abbreviate(byte[] body) {
        String s = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}

package io.k8j.api.proto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.k8j.api.Json;
import io.kubernetes.client.proto.Runtime.Unknown;

import java.util.Arrays;

/**
 * Decodes a {@code application/vnd.kubernetes.protobuf} request body into the object's wire JSON.
 *
 * <p>The body is the 4-byte magic {@code k8s\0} followed by a {@code runtime.Unknown} envelope whose
 * {@code typeMeta} names the kind and whose {@code raw} holds the object's own protobuf (kubectl >= 1.32
 * sends these for its {@code create} generators). The JSON has apiVersion and kind first, then the object as
 * the same client would have sent it as JSON (checked against captured kubectl bodies).
 */
public final class ProtobufDecoder {
    public static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {'k', '8', 's', 0};

    private ProtobufDecoder() {
    }

    /**
     * @throws IllegalArgumentException when the body lacks the magic, names a kind without a protobuf schema
     *                                  here, or is not valid protobuf; the message is fit for a 400 answer
     */
    public static ObjectNode decode(byte[] body) {
        if (!hasMagic(body)) {
            throw new IllegalArgumentException("protobuf body does not start with the k8s\\0 magic prefix");
        }
        Unknown envelope = parse(() -> Unknown.parseFrom(Arrays.copyOfRange(body, MAGIC.length, body.length)),
                "runtime.Unknown envelope");
        String apiVersion = envelope.getTypeMeta().getApiVersion();
        String kind = envelope.getTypeMeta().getKind();
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            throw new IllegalArgumentException("protobuf envelope has no apiVersion/kind");
        }
        if (!envelope.getContentEncoding().isEmpty()) {
            throw new IllegalArgumentException("unsupported protobuf contentEncoding " + envelope.getContentEncoding());
        }
        Message prototype = ProtoKinds.prototype(apiVersion, kind).orElseThrow(() ->
                new IllegalArgumentException("no protobuf schema for " + kind + " in " + apiVersion + "; send JSON"));
        Message object = parse(() -> prototype.getParserForType().parseFrom(envelope.getRaw()), kind);

        ObjectNode json = Json.object();
        json.put("kind", kind);
        json.put("apiVersion", apiVersion);
        json.setAll((ObjectNode) ProtoJson.toJson(object));
        return json;
    }

    static boolean hasMagic(byte[] body) {
        return body.length >= MAGIC.length && Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    private interface ProtoParse<T> {
        T parse() throws InvalidProtocolBufferException;
    }

    private static <T> T parse(ProtoParse<T> parse, String what) {
        try {
            return parse.parse();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("malformed protobuf " + what + ": " + e.getMessage(), e);
        }
    }
}

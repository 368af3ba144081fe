package io.k8j.api.proto;

import com.google.protobuf.ByteString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every bad body is an IllegalArgumentException whose message tells the client what was wrong. */
class ProtobufDecoderErrorsTest {

    static Stream<Arguments> badBodies() {
        V1.ConfigMap cm = V1.ConfigMap.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("cm")).build();
        return Stream.of(
                arguments("empty body", new byte[0], "k8s\\0 magic"),
                arguments("a JSON body", "{\"kind\":\"ConfigMap\"}".getBytes(StandardCharsets.UTF_8), "k8s\\0 magic"),
                arguments("truncated envelope", new byte[]{'k', '8', 's', 0, 0x0a, 0x10}, "malformed protobuf runtime.Unknown"),
                arguments("group without schema", body("coordination.k8s.io/v1", "Lease", cm.toByteString(), ""),
                        "no protobuf schema for Lease in coordination.k8s.io/v1"),
                arguments("unknown kind", body("v1", "Gizmo", cm.toByteString(), ""), "no protobuf schema for Gizmo in v1"),
                arguments("no type meta", body("", "", cm.toByteString(), ""), "no apiVersion/kind"),
                arguments("compressed raw", body("v1", "ConfigMap", cm.toByteString(), "gzip"), "contentEncoding gzip"),
                arguments("malformed object", body("v1", "ConfigMap", ByteString.copyFrom(new byte[]{0x0a, 0x7f}), ""),
                        "malformed protobuf ConfigMap"),
                arguments("field newer than the schema", body("v1", "ConfigMap",
                                cm.toByteString().concat(ByteString.copyFrom(new byte[]{(byte) 0xb8, 0x3e, 0x01})), ""),
                        "ConfigMap has fields [999] unknown to this server's schema"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void rejects(String description, byte[] body, String message) {
        assertThatThrownBy(() -> ProtobufDecoder.decode(body))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    private static byte[] body(String apiVersion, String kind, ByteString raw, String contentEncoding) {
        Runtime.Unknown unknown = Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(raw).setContentEncoding(contentEncoding).build();
        byte[] payload = unknown.toByteArray();
        byte[] out = new byte[payload.length + 4];
        System.arraycopy(new byte[]{'k', '8', 's', 0}, 0, out, 0, 4);
        System.arraycopy(payload, 0, out, 4, payload.length);
        return out;
    }
}

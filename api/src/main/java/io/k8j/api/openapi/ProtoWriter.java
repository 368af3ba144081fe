package io.k8j.api.openapi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal protobuf wire-format writer (varints and length-delimited fields, proto3 defaults omitted).
 * Hand-rolled so the gnostic document needs no generated code and no particular protobuf-java runtime,
 * whose version the modules do not agree on.
 */
final class ProtoWriter {
    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoWriter string(int field, String value) {
        if (value != null && !value.isEmpty()) {
            bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    ProtoWriter bool(int field, boolean value) {
        if (value) {
            tag(field, VARINT);
            varint(1);
        }
        return this;
    }

    /** A nested message; written even when empty, since presence matters for oneof members. */
    ProtoWriter message(int field, ProtoWriter message) {
        bytes(field, message.toByteArray());
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        varint(value.length);
        out.writeBytes(value);
    }

    private void tag(int field, int wireType) {
        varint((long) field << 3 | wireType);
    }

    private void varint(long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }
}

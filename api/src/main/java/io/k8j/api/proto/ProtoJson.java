package io.k8j.api.proto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MapEntry;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;

import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Converts a Kubernetes protobuf message to its wire JSON by walking the descriptor, with no per-kind code.
 * The Kubernetes .proto files name nearly every field after its JSON key; {@link GoJsonRules} holds the
 * few places where Go's JSON differs, {@link KubeTypes} the types with custom JSON.
 */
final class ProtoJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProtoJson() {
    }

    static JsonNode toJson(Message message) {
        Function<Message, JsonNode> special = KubeTypes.converter(message.getDescriptorForType());
        return special != null ? special.apply(message) : object(message);
    }

    private static ObjectNode object(Message message) {
        rejectUnknownFields(message);
        ObjectNode node = NODES.objectNode();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (field.isMapField()) {
                putIfNotEmpty(node, field, map(message, field));
            } else if (field.isRepeated()) {
                putIfNotEmpty(node, field, array(message, field));
            } else if (!message.hasField(field)) {
                continue; // proto2 presence: an absent field stays absent, no default is invented
            } else if (GoJsonRules.isInline(field)) {
                node.setAll(object((Message) message.getField(field)));
            } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    || GoJsonRules.writesScalar(field, message.getField(field))) {
                node.set(GoJsonRules.jsonName(field), value(field, message.getField(field)));
            }
        }
        return node;
    }

    private static ObjectNode map(Message message, FieldDescriptor field) {
        FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
        ObjectNode node = NODES.objectNode();
        for (Object entry : (List<?>) message.getField(field)) {
            MapEntry<?, ?> e = (MapEntry<?, ?>) entry;
            node.set(String.valueOf(e.getKey()), value(valueField, e.getValue()));
        }
        return node;
    }

    private static ArrayNode array(Message message, FieldDescriptor field) {
        ArrayNode node = NODES.arrayNode();
        for (Object item : (List<?>) message.getField(field)) {
            node.add(value(field, item));
        }
        return node;
    }

    /** Go omits empty slices and maps (omitempty, or nil after protobuf decoding). */
    private static void putIfNotEmpty(ObjectNode node, FieldDescriptor field, JsonNode value) {
        if (!value.isEmpty()) {
            node.set(GoJsonRules.jsonName(field), value);
        }
    }

    private static JsonNode value(FieldDescriptor field, Object value) {
        return switch (field.getJavaType()) {
            case MESSAGE -> toJson((Message) value);
            case STRING -> NODES.textNode((String) value);
            case BYTE_STRING -> NODES.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case INT -> NODES.numberNode((Integer) value);
            case LONG -> longNode((Long) value);
            case FLOAT -> NODES.numberNode((Float) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            case ENUM -> NODES.textNode(((EnumValueDescriptor) value).getName());
        };
    }

    /** The node Jackson itself parses such a number into, so decoded trees compare equal to parsed ones. */
    private static JsonNode longNode(long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    /**
     * Fields newer than the bundled .proto files arrive as unknown fields; dropping them would silently
     * store a different object than the client sent, so the request fails and the client can send JSON.
     * Zero values are the exception: Go's protobuf marshalling writes every non-pointer scalar, set or not
     * (kubectl 1.33 sends PodStatus.observedGeneration 0 with every Pod), and its JSON omits them.
     */
    private static void rejectUnknownFields(Message message) {
        List<Integer> set = message.getUnknownFields().asMap().entrySet().stream()
                .filter(e -> !isZero(e.getValue())).map(java.util.Map.Entry::getKey).toList();
        if (!set.isEmpty()) {
            throw new IllegalArgumentException("protobuf " + message.getDescriptorForType().getName()
                    + " has fields " + set + " unknown to this server's schema; send the object as JSON instead");
        }
    }

    /** Only zero varints or empty strings (Go's zero values as its protobuf marshalling writes them). */
    private static boolean isZero(UnknownFieldSet.Field field) {
        return field.getFixed32List().isEmpty() && field.getFixed64List().isEmpty() && field.getGroupList().isEmpty()
                && field.getVarintList().stream().allMatch(v -> v == 0)
                && field.getLengthDelimitedList().stream().allMatch(ByteString::isEmpty);
    }
}

package io.k8j.api.proto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.k8j.api.Json;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The apimachinery types whose protobuf shape differs from their JSON shape: Go gives them custom JSON
 * marshalers, so a generic field walk would produce the wrong JSON. Keyed by protobuf full name.
 */
final class KubeTypes {
    private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX")
            .withZone(ZoneOffset.UTC);

    private static final Map<String, Function<Message, JsonNode>> CONVERTERS = Map.ofEntries(
            Map.entry(META + "Time", m -> time(m, TIME)),
            Map.entry(META + "MicroTime", m -> time(m, MICRO_TIME)),
            Map.entry(META + "Duration", m -> NODES.textNode(GoDuration.format(longField(m, "duration")))),
            Map.entry(META + "FieldsV1", m -> embeddedJson(bytesField(m, "Raw"))),
            Map.entry(META + "Verbs", KubeTypes::items),
            Map.entry("k8s.io.apimachinery.pkg.runtime.RawExtension", m -> embeddedJson(bytesField(m, "raw"))),
            Map.entry("k8s.io.apimachinery.pkg.util.intstr.IntOrString", KubeTypes::intOrString),
            Map.entry("k8s.io.apimachinery.pkg.api.resource.Quantity", KubeTypes::quantity),
            // Go named slice types ([]string) that protobuf wraps in a message.
            Map.entry("k8s.io.api.authentication.v1.ExtraValue", KubeTypes::items),
            Map.entry("k8s.io.api.authorization.v1.ExtraValue", KubeTypes::items),
            Map.entry("k8s.io.api.certificates.v1.ExtraValue", KubeTypes::items));

    private KubeTypes() {
    }

    /** The converter for a type with custom JSON, or null when the generic walk applies. */
    static Function<Message, JsonNode> converter(Descriptor type) {
        return CONVERTERS.get(type.getFullName());
    }

    /** Go marshals a zero time as an empty message and its JSON as null; any other value as RFC 3339 UTC. */
    private static JsonNode time(Message m, DateTimeFormatter format) {
        FieldDescriptor seconds = m.getDescriptorForType().findFieldByName("seconds");
        FieldDescriptor nanos = m.getDescriptorForType().findFieldByName("nanos");
        if (!m.hasField(seconds) && !m.hasField(nanos)) {
            return NODES.nullNode();
        }
        Instant instant = Instant.ofEpochSecond((Long) m.getField(seconds), (Integer) m.getField(nanos));
        return NODES.textNode(format.format(instant));
    }

    /** type 0 is an int, type 1 a string, as in intstr.Type. */
    private static JsonNode intOrString(Message m) {
        Descriptor d = m.getDescriptorForType();
        if ((Long) m.getField(d.findFieldByName("type")) == 1) {
            return NODES.textNode((String) m.getField(d.findFieldByName("strVal")));
        }
        return NODES.numberNode((Integer) m.getField(d.findFieldByName("intVal")));
    }

    /** An empty string decodes to Go's zero Quantity, whose JSON is "0". */
    private static JsonNode quantity(Message m) {
        String value = (String) m.getField(m.getDescriptorForType().findFieldByName("string"));
        return NODES.textNode(value.isEmpty() ? "0" : value);
    }

    /** Raw bytes that Go writes into JSON verbatim; they may themselves be a protobuf envelope. */
    private static JsonNode embeddedJson(ByteString raw) {
        if (raw.isEmpty()) {
            return NODES.nullNode();
        }
        byte[] bytes = raw.toByteArray();
        if (ProtobufDecoder.hasMagic(bytes)) {
            return ProtobufDecoder.decode(bytes);
        }
        try {
            return Json.parse(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("embedded raw object is neither JSON nor protobuf: " + e.getMessage(), e);
        }
    }

    private static JsonNode items(Message m) {
        ArrayNode items = NODES.arrayNode();
        ((List<?>) m.getField(m.getDescriptorForType().findFieldByName("items"))).forEach(i -> items.add((String) i));
        return items;
    }

    private static long longField(Message m, String name) {
        return (Long) m.getField(m.getDescriptorForType().findFieldByName(name));
    }

    private static ByteString bytesField(Message m, String name) {
        return (ByteString) m.getField(m.getDescriptorForType().findFieldByName(name));
    }
}

package io.k8j.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Encodes the Swagger 2.0 JSON this package generates as gnostic's {@code openapi.v2.Document} protobuf
 * (field numbers from gnostic's OpenAPIv2.proto), covering exactly the constructs {@link Dialect#V2} and
 * {@link SchemaWriter} emit. Vendor extensions travel as {@code Any.yaml}; JSON text is valid YAML, and
 * that is how kubectl reads them back (x-kubernetes-group-version-kind, patch strategies).
 */
final class GnosticEncoder {
    private static final Map<String, Integer> OPERATIONS = Map.of("get", 2, "put", 3, "post", 4, "delete", 5,
            "patch", 8);

    private GnosticEncoder() {
    }

    static byte[] encode(JsonNode doc) {
        ProtoWriter paths = new ProtoWriter();
        doc.path("paths").properties().forEach(e -> paths.message(2, named(e.getKey(), pathItem(e.getValue()))));
        ProtoWriter definitions = new ProtoWriter();
        doc.path("definitions").properties().forEach(e -> definitions.message(1, named(e.getKey(), schema(e.getValue()))));
        JsonNode info = doc.path("info");
        return new ProtoWriter()
                .string(1, doc.path("swagger").asText())
                .message(2, new ProtoWriter().string(1, info.path("title").asText()).string(2, info.path("version").asText()))
                .message(8, paths)
                .message(9, definitions)
                .toByteArray();
    }

    private static ProtoWriter pathItem(JsonNode item) {
        ProtoWriter w = new ProtoWriter();
        for (String method : List.of("get", "put", "post", "delete", "patch")) {
            if (item.has(method)) {
                w.message(OPERATIONS.get(method), operation(item.get(method)));
            }
        }
        item.path("parameters").forEach(p -> w.message(9, parameter(p)));
        return w;
    }

    private static ProtoWriter operation(JsonNode op) {
        ProtoWriter w = new ProtoWriter();
        op.path("tags").forEach(t -> w.string(1, t.asText()));
        w.string(3, op.path("description").asText()).string(5, op.path("operationId").asText());
        op.path("produces").forEach(t -> w.string(6, t.asText()));
        op.path("consumes").forEach(t -> w.string(7, t.asText()));
        op.path("parameters").forEach(p -> w.message(8, parameter(p)));
        ProtoWriter responses = new ProtoWriter();
        op.path("responses").properties().forEach(e -> {
            ProtoWriter response = new ProtoWriter().string(1, e.getValue().path("description").asText());
            if (e.getValue().has("schema")) {
                response.message(2, new ProtoWriter().message(1, schema(e.getValue().get("schema"))));
            }
            responses.message(1, named(e.getKey(), new ProtoWriter().message(1, response)));
        });
        w.message(9, responses);
        extensions(op, 13, w);
        return w;
    }

    /** ParametersItem{parameter: Parameter{body_parameter | non_body_parameter{query | path}}}. */
    private static ProtoWriter parameter(JsonNode p) {
        String in = p.path("in").asText();
        ProtoWriter parameter;
        if (in.equals("body")) {
            parameter = new ProtoWriter().message(1, new ProtoWriter().string(1, p.path("description").asText())
                    .string(2, p.path("name").asText()).string(3, in).bool(4, p.path("required").asBoolean())
                    .message(5, schema(p.path("schema"))));
        } else {
            boolean query = in.equals("query");
            ProtoWriter sub = new ProtoWriter().bool(1, p.path("required").asBoolean()).string(2, in)
                    .string(3, p.path("description").asText()).string(4, p.path("name").asText())
                    .string(query ? 6 : 5, p.path("type").asText())
                    .bool(query ? 20 : 19, p.path("uniqueItems").asBoolean());
            parameter = new ProtoWriter().message(2, new ProtoWriter().message(query ? 3 : 4, sub));
        }
        return new ProtoWriter().message(1, parameter);
    }

    private static ProtoWriter schema(JsonNode s) {
        ProtoWriter w = new ProtoWriter()
                .string(1, s.path("$ref").asText())
                .string(2, s.path("format").asText())
                .string(4, s.path("description").asText());
        s.path("required").forEach(r -> w.string(19, r.asText()));
        if (s.has("additionalProperties")) {
            w.message(21, new ProtoWriter().message(1, schema(s.get("additionalProperties"))));
        }
        if (s.has("type")) {
            w.message(22, new ProtoWriter().string(1, s.get("type").asText()));
        }
        if (s.has("items")) {
            w.message(23, new ProtoWriter().message(1, schema(s.get("items"))));
        }
        s.path("allOf").forEach(a -> w.message(24, schema(a)));
        if (s.has("properties")) {
            ProtoWriter props = new ProtoWriter();
            s.get("properties").properties().forEach(e -> props.message(1, named(e.getKey(), schema(e.getValue()))));
            w.message(25, props);
        }
        extensions(s, 31, w);
        return w;
    }

    /** Every x-* member as NamedAny{name, Any{yaml}}. */
    private static void extensions(JsonNode node, int field, ProtoWriter w) {
        node.properties().forEach(e -> {
            if (e.getKey().startsWith("x-")) {
                w.message(field, named(e.getKey(), new ProtoWriter().string(2, e.getValue().toString())));
            }
        });
    }

    private static ProtoWriter named(String name, ProtoWriter value) {
        return new ProtoWriter().string(1, name).message(2, value);
    }
}

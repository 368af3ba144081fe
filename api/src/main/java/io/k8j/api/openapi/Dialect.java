package io.k8j.api.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;

import java.util.List;

/**
 * The differences between the Swagger 2.0 (/openapi/v2) and OpenAPI 3.0 (/openapi/v3) renderings of the
 * same schemas and operations, in the forms kube-apiserver publishes them.
 */
enum Dialect {
    V2("#/definitions/"),
    V3("#/components/schemas/");

    static final List<String> RESPONSE_TYPES = List.of("application/json", "application/yaml",
            "application/vnd.kubernetes.protobuf");

    private final String refPrefix;

    Dialect(String refPrefix) {
        this.refPrefix = refPrefix;
    }

    ObjectNode ref(String schemaName) {
        return Json.object().put("$ref", refPrefix + schemaName);
    }

    /** A property pointing at a named schema. OpenAPI 3.0 ignores siblings of $ref, hence kube's allOf. */
    ObjectNode propertyRef(String schemaName) {
        if (this == V2) {
            return ref(schemaName);
        }
        ObjectNode p = Json.object();
        p.putArray("allOf").add(ref(schemaName));
        return p;
    }

    ObjectNode queryParam(String name, String type, String description) {
        ObjectNode p = Json.object().put("name", name).put("in", "query").put("description", description);
        ObjectNode schema = this == V2 ? p : p.putObject("schema");
        schema.put("type", type).put("uniqueItems", true);
        return p;
    }

    ObjectNode pathParam(String name, String description) {
        ObjectNode p = Json.object().put("name", name).put("in", "path").put("description", description)
                .put("required", true);
        ObjectNode schema = this == V2 ? p : p.putObject("schema");
        schema.put("type", "string").put("uniqueItems", true);
        return p;
    }

    /** The request body: requestBody.content in 3.0, a body parameter plus consumes in 2.0. */
    void body(ObjectNode op, String schemaName, List<String> mediaTypes) {
        if (this == V2) {
            ArrayNode consumes = op.putArray("consumes");
            mediaTypes.forEach(consumes::add);
            ObjectNode param = Json.object().put("name", "body").put("in", "body").put("required", true);
            param.set("schema", ref(schemaName));
            params(op).add(param);
            return;
        }
        ObjectNode body = Json.object();
        ObjectNode content = body.putObject("content");
        mediaTypes.forEach(t -> content.putObject(t).set("schema", ref(schemaName)));
        body.put("required", true);
        op.set("requestBody", body);
    }

    /** Success responses carrying {@code schemaName}, plus the 401 every kube operation lists. */
    void responses(ObjectNode op, String schemaName, List<String> codes) {
        ObjectNode responses = Json.object();
        if (this == V2) {
            ArrayNode produces = op.putArray("produces");
            RESPONSE_TYPES.forEach(produces::add);
        }
        for (String code : codes) {
            ObjectNode r = responses.putObject(code).put("description", code.equals("201") ? "Created"
                    : code.equals("202") ? "Accepted" : "OK");
            if (this == V2) {
                r.set("schema", ref(schemaName));
            } else {
                ObjectNode content = r.putObject("content");
                RESPONSE_TYPES.forEach(t -> content.putObject(t).set("schema", ref(schemaName)));
            }
        }
        responses.putObject("401").put("description", "Unauthorized");
        op.set("responses", responses);
    }

    static ArrayNode params(ObjectNode op) {
        return op.has("parameters") ? (ArrayNode) op.get("parameters") : op.putArray("parameters");
    }
}

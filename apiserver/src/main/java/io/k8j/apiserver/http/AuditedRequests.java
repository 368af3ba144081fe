package io.k8j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.Json;
import io.k8j.api.proto.ProtobufDecoder;
import io.k8j.apiserver.audit.AuditPolicy;
import io.k8j.apiserver.audit.Auditor;

import java.io.IOException;

/** What the audit policy and event see of an authenticated request. */
final class AuditedRequests {
    private AuditedRequests() {
    }

    /** The request's audit entry (its RequestReceived event written), or null when the policy says None. */
    static Auditor.Entry begin(Auditor auditor, ApiRequest req, RequestInfo info) {
        UserInfo user = req.user();
        String uri = req.raw().uri();
        AuditPolicy.Request request = info == null
                ? new AuditPolicy.Request(user.name(), user.groups(), req.method().toLowerCase(), null, null, null, null, null, req.path())
                : new AuditPolicy.Request(user.name(), user.groups(), info.verb(), info.group(), info.resource(),
                        info.subresource(), info.namespace(), info.name(), req.path());
        String apiVersion = info == null ? null : info.group().isEmpty() ? info.version() : info.group() + "/" + info.version();
        String source = req.raw().remoteAddress() == null ? "" : req.raw().remoteAddress().hostAddress();
        return auditor.begin(request, new Auditor.Origin(uri, source, req.header("User-Agent"), apiVersion,
                () -> requestObject(req)));
    }

    /** The body as JSON, whatever it came as (kubectl 1.32+ sends protobuf); null when empty or undecodable. */
    private static JsonNode requestObject(ApiRequest req) {
        byte[] body = req.body();
        if (body.length == 0) {
            return null;
        }
        try {
            return switch (MediaTypes.base(req.header("Content-Type"))) {
                case MediaTypes.PROTOBUF -> ProtobufDecoder.decode(body);
                case MediaTypes.YAML, MediaTypes.APPLY_PATCH -> Json.YAML.readTree(body);
                default -> Json.parse(body);
            };
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

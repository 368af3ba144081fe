package io.k8j.apiserver.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Writes kube's audit Events for requests as the policy asks: a RequestReceived event once the caller is known and
 * a ResponseComplete event with the status code, both with the request's metadata, and at Request level its JSON
 * body as {@code requestObject}.
 */
public final class Auditor {
    /** Microseconds, as kube's MicroTime. */
    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final AuditPolicy policy;
    private final AuditLog log;
    private final Clock clock;

    public Auditor(AuditPolicy policy, AuditLog log, Clock clock) {
        this.policy = policy;
        this.log = log;
        this.clock = clock;
    }

    /**
     * What the event says about a request besides what the policy looks at; {@code body} gives the decoded request
     * body (null if none), asked for only at Request level.
     */
    public record Origin(String requestUri, String sourceIp, String userAgent, String apiVersion, Supplier<JsonNode> body) {
    }

    /** Records RequestReceived (unless omitted) and returns the request's event, or null when the policy says None. */
    public Entry begin(AuditPolicy.Request request, Origin origin) {
        AuditPolicy.Decision decision = policy.decide(request);
        if (decision.level() == Level.None) {
            return null;
        }
        Instant received = clock.instant();
        ObjectNode event = Json.object().put("kind", "Event").put("apiVersion", "audit.k8s.io/v1")
                .put("level", decision.level().name()).put("auditID", UUID.randomUUID().toString())
                .put("stage", "RequestReceived").put("requestURI", origin.requestUri()).put("verb", request.verb());
        ObjectNode user = event.putObject("user").put("username", request.user());
        request.groups().forEach(user.putArray("groups")::add);
        event.putArray("sourceIPs").add(origin.sourceIp());
        if (origin.userAgent() != null) {
            event.put("userAgent", origin.userAgent());
        }
        if (request.resource() != null) {
            ObjectNode ref = event.putObject("objectRef").put("resource", request.resource());
            putIfSet(ref, "namespace", request.namespace());
            putIfSet(ref, "name", request.name());
            ref.put("apiGroup", request.apiGroup()).put("apiVersion", origin.apiVersion());
            putIfSet(ref, "subresource", request.subresource());
        }
        if (decision.level().includesRequestBody()) {
            JsonNode body = origin.body().get();
            if (body != null) {
                event.set("requestObject", body);
            }
        }
        event.put("requestReceivedTimestamp", MICRO_TIME.format(received));
        Entry entry = new Entry(event, decision);
        entry.write("RequestReceived");
        return entry;
    }

    /** One request's event, written again at each stage the policy keeps. */
    public final class Entry {
        private final ObjectNode event;
        private final AuditPolicy.Decision decision;

        private Entry(ObjectNode event, AuditPolicy.Decision decision) {
            this.event = event;
            this.decision = decision;
        }

        public void complete(int code) {
            event.putObject("responseStatus").put("code", code).putObject("metadata");
            write("ResponseComplete");
        }

        private void write(String stage) {
            if (decision.records(stage)) {
                log.write(event.deepCopy().put("stage", stage).put("stageTimestamp", MICRO_TIME.format(clock.instant())));
            }
        }
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }
}

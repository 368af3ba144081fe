package io.k8j.apiserver.admission.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;
import io.k8j.api.ResourceType;
import io.k8j.apiserver.registry.AdmissionRequest;
import io.k8j.apiserver.registry.Meta;

import java.util.UUID;

/** The admission.k8s.io/v1 AdmissionReview a webhook receives for one write. */
final class AdmissionReviews {
    private AdmissionReviews() {
    }

    static ObjectNode of(AdmissionRequest write, WebhookRequest attributes) {
        ObjectNode review = Json.object();
        review.put("apiVersion", "admission.k8s.io/v1");
        review.put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request");
        request.put("uid", UUID.randomUUID().toString());
        ResourceType type = write.type();
        request.set("kind", kind(type));
        request.set("resource", resource(type));
        if (!attributes.subresource().isEmpty()) {
            request.put("subResource", attributes.subresource());
            request.put("requestSubResource", attributes.subresource());
        }
        request.set("requestKind", kind(type));
        request.set("requestResource", resource(type));
        request.put("name", Meta.name(write.obj()));
        if (!attributes.namespace().isEmpty()) {
            request.put("namespace", attributes.namespace());
        }
        request.put("operation", attributes.operation());
        request.set("userInfo", write.options().user().deepCopy());
        request.set("object", write.obj().deepCopy());
        request.set("oldObject", write.old() == null ? null : write.old().deepCopy());
        request.put("dryRun", write.dryRun());
        request.set("options", options(write, attributes.operation()));
        return review;
    }

    private static ObjectNode kind(ResourceType type) {
        ObjectNode kind = Json.object();
        kind.put("group", type.group());
        kind.put("version", type.version());
        kind.put("kind", type.kind());
        return kind;
    }

    private static ObjectNode resource(ResourceType type) {
        ObjectNode resource = Json.object();
        resource.put("group", type.group());
        resource.put("version", type.version());
        resource.put("resource", type.plural());
        return resource;
    }

    /** The CreateOptions or UpdateOptions of the write. */
    private static ObjectNode options(AdmissionRequest write, String operation) {
        ObjectNode options = Json.object();
        options.put("kind", operation.equals("CREATE") ? "CreateOptions" : "UpdateOptions");
        options.put("apiVersion", "meta.k8s.io/v1");
        if (write.dryRun()) {
            options.putArray("dryRun").add("All");
        }
        if (write.options().fieldManager() != null) {
            options.put("fieldManager", write.options().fieldManager());
        }
        return options;
    }
}

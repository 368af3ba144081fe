package io.k8j.apiserver.admission.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import io.k8j.api.patch.PatchException;
import io.k8j.api.patch.Patches;
import io.k8j.apiserver.registry.Admission;
import io.k8j.apiserver.registry.AdmissionRequest;
import io.k8j.apiserver.registry.StoreReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Dynamic admission: the mutating webhooks in {@link #mutate}, each matching one in order with its JSON patch applied
 * before the next is called, and the validating webhooks in {@link #admit}, after the built-in validating steps.
 * Writes of webhook configurations themselves are never sent to webhooks (as kube), so that a broken webhook can
 * always be removed.
 */
public final class WebhookAdmission implements Admission {
    private static final String OWN_GROUP = "admissionregistration.k8s.io";

    private final WebhookMatcher matcher;
    private final WebhookCaller caller = new WebhookCaller();
    private volatile WebhookIndex mutating;
    private volatile WebhookIndex validating;

    /** {@code namespaceLabels} gives a namespace's labels, for namespaceSelectors. */
    public WebhookAdmission(Function<String, JsonNode> namespaceLabels) {
        this.matcher = new WebhookMatcher(namespaceLabels);
    }

    /** Starts watching the configurations (stores are built after their admission); no webhook is called before. */
    public void start(StoreReader mutatingConfigurations, StoreReader validatingConfigurations) {
        mutating = WebhookIndex.watching(mutatingConfigurations);
        validating = WebhookIndex.watching(validatingConfigurations);
    }

    /**
     * Calls each matching mutating webhook in order, then once more each {@code reinvocationPolicy: IfNeeded} one that
     * a later webhook changed the object after (kube reinvokes a webhook at most once).
     */
    @Override
    public void mutate(AdmissionRequest write) {
        List<ObjectNode> webhooks = matching(mutating, write);
        List<ObjectNode> seen = new ArrayList<>();
        for (ObjectNode webhook : webhooks) {
            callAndPatch(webhook, write);
            seen.add(write.obj().deepCopy());
        }
        for (int i = 0; i < webhooks.size(); i++) {
            ObjectNode webhook = webhooks.get(i);
            if (webhook.path("reinvocationPolicy").asText("Never").equals("IfNeeded") && !seen.get(i).equals(write.obj())) {
                callAndPatch(webhook, write);
            }
        }
    }

    private void callAndPatch(ObjectNode webhook, AdmissionRequest write) {
        JsonNode response = call(webhook, write);
        if (response != null) {
            applyPatch(webhook, response, write.obj());
        }
    }

    @Override
    public void admit(AdmissionRequest write) {
        for (ObjectNode webhook : matching(validating, write)) {
            call(webhook, write);
        }
    }

    private List<ObjectNode> matching(WebhookIndex index, AdmissionRequest write) {
        List<ObjectNode> webhooks = index == null ? List.of() : index.webhooks();
        if (webhooks.isEmpty() || write.type().group().equals(OWN_GROUP)) {
            return List.of();
        }
        WebhookRequest attributes = WebhookRequest.of(write);
        return webhooks.stream().filter(w -> matcher.matches(w, attributes)).toList();
    }

    /** The webhook's response when it allowed the write; null when its failure is ignored. */
    private JsonNode call(ObjectNode webhook, AdmissionRequest write) {
        String name = webhook.path("name").asText();
        JsonNode response;
        try {
            response = caller.call(webhook, AdmissionReviews.of(write, WebhookRequest.of(write)));
        } catch (WebhookCallException e) {
            if (webhook.path("failurePolicy").asText("Fail").equals("Ignore")) {
                return null;
            }
            throw ApiException.internal("failed calling webhook \"" + name + "\": " + e.getMessage());
        }
        response.path("warnings").forEach(w -> write.warn(w.asText()));
        if (!response.path("allowed").asBoolean(false)) {
            throw denied(name, response.path("status"));
        }
        return response;
    }

    /** kube's ToStatusErr: at least 400, the webhook's message or reason after who denied. */
    static ApiException denied(String name, JsonNode status) {
        String deniedBy = "admission webhook \"" + name + "\" denied the request";
        String message = status.path("message").asText("");
        String reason = status.path("reason").asText("");
        String text = !message.isEmpty() ? deniedBy + ": " + message
                : !reason.isEmpty() ? deniedBy + ": " + reason : deniedBy + " without explanation";
        return new ApiException(Math.max(status.path("code").asInt(0), 400), reason, text, null);
    }

    private static void applyPatch(ObjectNode webhook, JsonNode response, ObjectNode obj) {
        String patch = response.path("patch").asText("");
        if (patch.isEmpty()) {
            return;
        }
        String name = webhook.path("name").asText();
        if (!response.path("patchType").asText("").equals("JSONPatch")) {
            throw ApiException.internal("mutating webhook \"" + name + "\" returned a patch of unsupported patchType \""
                    + response.path("patchType").asText("") + "\"");
        }
        ObjectNode patched;
        try {
            patched = Patches.jsonPatch(obj, Json.parse(Base64.getDecoder().decode(patch)));
        } catch (PatchException | IllegalArgumentException | IOException e) {
            throw ApiException.internal("the patch of mutating webhook \"" + name + "\" could not be applied: "
                    + e.getMessage());
        }
        obj.removeAll();
        obj.setAll(patched);
    }
}

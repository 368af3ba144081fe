package io.k8j.apiserver.admission.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.ApiException;
import io.k8j.api.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a webhook's answer reads to the client: kube's denial Status, and the call errors failurePolicy decides on. */
class WebhookResponsesTest {
    private static JsonNode json(String text) {
        return Json.parseObject(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDenialKeepsTheWebhooksCodeAndReasonAndNamesTheWebhook() {
        ApiException e = WebhookAdmission.denied("deny.example.com",
                json("{\"code\": 403, \"reason\": \"Forbidden\", \"message\": \"no\"}"));
        assertThat(e.code()).isEqualTo(403);
        assertThat(e.reason()).isEqualTo("Forbidden");
        assertThat(e.getMessage()).isEqualTo("admission webhook \"deny.example.com\" denied the request: no");
    }

    @Test
    void aDenialIsNeverBelow400AndSaysWhenItHasNoExplanation() {
        ApiException silent = WebhookAdmission.denied("deny.example.com", json("{\"code\": 200}"));
        assertThat(silent.code()).isEqualTo(400);
        assertThat(silent.getMessage()).isEqualTo("admission webhook \"deny.example.com\" denied the request without explanation");
        ApiException reasonOnly = WebhookAdmission.denied("deny.example.com", json("{\"reason\": \"NotAllowed\"}"));
        assertThat(reasonOnly.getMessage()).isEqualTo("admission webhook \"deny.example.com\" denied the request: NotAllowed");
    }

    @Test
    void aResponseForAnotherRequestOrNoneIsACallError() throws WebhookCallException {
        byte[] answered = "{\"response\": {\"uid\": \"u-1\", \"allowed\": true}}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookCaller.responseOf(answered, "u-1").path("allowed").asBoolean()).isTrue();
        assertThatThrownBy(() -> WebhookCaller.responseOf(answered, "u-2")).isInstanceOf(WebhookCallException.class)
                .hasMessage("received invalid webhook response: expected response.uid=\"u-2\", got \"u-1\"");
        assertThatThrownBy(() -> WebhookCaller.responseOf("{}".getBytes(StandardCharsets.UTF_8), "u-1"))
                .hasMessage("received invalid webhook response: webhook response was absent");
        assertThatThrownBy(() -> WebhookCaller.responseOf("not json".getBytes(StandardCharsets.UTF_8), "u-1"))
                .isInstanceOf(WebhookCallException.class).hasMessageStartingWith("received invalid webhook response: ");
    }
}

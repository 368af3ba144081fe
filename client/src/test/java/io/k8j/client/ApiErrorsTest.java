package io.k8j.client;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiErrorsTest {
    private static KubernetesClientException api(int code, String reason, String message) {
        return new KubernetesClientException(new StatusBuilder().withCode(code).withReason(reason).withMessage(message).build());
    }

    @Test
    void conflictsAndVanishedObjectsAreExpected() {
        assertThat(ApiErrors.isExpected(api(409, "Conflict", "the object has been modified"))).isTrue();
        assertThat(ApiErrors.isExpected(api(404, "NotFound", "pods \"x\" not found"))).isTrue();
        assertThat(ApiErrors.isExpected(api(422, "Invalid", "spec.replicas: Invalid value"))).isFalse();
        assertThat(ApiErrors.isExpected(api(500, "InternalError", "boom"))).isFalse();
        assertThat(ApiErrors.isExpected(new IllegalStateException("not all pods created"))).isFalse();
    }

    @Test
    void summaryIsKubesMessageOnOneLine() {
        String message = "Operation cannot be fulfilled on nodes \"n\": the object has been modified; "
                + "please apply your changes to the latest version and try again";

        assertThat(ApiErrors.summary(api(409, "Conflict", message))).isEqualTo("409 Conflict: " + message);
        assertThat(ApiErrors.summary(new IllegalStateException("x"))).isEqualTo("java.lang.IllegalStateException: x");
    }
}

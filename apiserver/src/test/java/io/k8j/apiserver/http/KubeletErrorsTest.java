package io.k8j.apiserver.http;

import io.k8j.api.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A kubelet's plain-text error as the Status kube-apiserver makes of it (GenericHttpResponseChecker). */
class KubeletErrorsTest {
    @Test
    void aBadRequestKeepsTheKubeletsText() {
        ApiException e = KubeletErrors.of(400, "container \"app\" in pod \"web\" is waiting to start: ContainerCreating",
                "pods/log", "web");
        assertThat(e.code()).isEqualTo(400);
        assertThat(e.status().toString()).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
                + "\"status\":\"Failure\",\"message\":\"container \\\"app\\\" in pod \\\"web\\\" is waiting to start: "
                + "ContainerCreating\",\"reason\":\"BadRequest\",\"code\":400}");
    }

    @Test
    void notFoundNamesTheResourceAsKubeDoes() {
        ApiException e = KubeletErrors.of(404, "pod \"web\" does not exist", "pods/log", "web");
        assertThat(e.status().toString()).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
                + "\"status\":\"Failure\",\"message\":\"the server could not find the requested resource ( pods/log web)\","
                + "\"reason\":\"NotFound\",\"details\":{\"name\":\"web\",\"kind\":\"pods/log\"},\"code\":404}");
    }

    @Test
    void anInternalErrorCarriesTheTextAsItsCause() {
        ApiException e = KubeletErrors.of(500, "boom", "pods/log", "web");
        assertThat(e.getMessage()).isEqualTo("Internal error occurred: boom");
        assertThat(e.status().path("details").path("causes").get(0).path("message").asText()).isEqualTo("boom");
        assertThat(KubeletErrors.of(503, "down", "pods/log", "web").getMessage())
                .isEqualTo("an error on the server (\"down\") has prevented the request from succeeding ( pods/log web)");
    }
}

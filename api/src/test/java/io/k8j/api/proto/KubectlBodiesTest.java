package io.k8j.api.proto;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Real kubectl 1.32 protobuf bodies decode to exactly the JSON kubectl 1.31 sends for the same command. */
class KubectlBodiesTest {

    @ParameterizedTest
    @ValueSource(strings = {"configmap", "secret", "secret-docker-registry", "deployment", "deployment-two-containers",
            "namespace", "job", "job-from-cronjob", "cronjob", "service-nodeport", "service-headless",
            "serviceaccount", "quota", "ingress", "priorityclass"})
    void decodesLikeKubectlJson(String name) throws IOException {
        JsonNode decoded = ProtobufDecoder.decode(resource(name + ".pb"));

        assertThat(decoded).isEqualTo(Json.parse(resource(name + ".json")));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = KubectlBodiesTest.class.getResourceAsStream("kubectl/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}

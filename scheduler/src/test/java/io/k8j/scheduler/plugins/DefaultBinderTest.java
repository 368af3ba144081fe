package io.k8j.scheduler.plugins;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultBinderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The hand-written Binding is the one the fabric8 model would serialize. */
    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "default, web-1, 0d3c-uid, node-a",
            "team\"x, we\\b, null, hollow-42",
    })
    void bindingJsonIsTheModelsBinding(String namespace, String name, String uid, String node) throws Exception {
        Pod pod = new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).withUid(uid).endMetadata().build();
        String expected = Serialization.asJson(new BindingBuilder().withNewMetadata().withNamespace(namespace)
                .withName(name).withUid(uid).endMetadata()
                .withNewTarget().withApiVersion("v1").withKind("Node").withName(node).endTarget().build());

        assertThat(JSON.readTree(DefaultBinder.bindingJson(pod, node))).isEqualTo(JSON.readTree(expected));
    }
}

package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PodHostnameTest {
    @ParameterizedTest(name = "{0} with hostname {1} -> {2}")
    @CsvSource({
            "web-0, , web-0",
            "web-0, db, db",
            // 64 characters, the 63rd a '-': cut to 63, then the trailing '-' goes
            "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijab-cd, , abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijab",
    })
    void theSpecsHostnameElseThePodsNameCutTo63(String name, String hostname, String expected) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withHostname(hostname)
                .endSpec().build();
        assertThat(PodSync.hostname(pod)).isEqualTo(expected);
    }
}

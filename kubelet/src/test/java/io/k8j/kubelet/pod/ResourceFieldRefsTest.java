package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFileBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.ResourceFieldSelectorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceFieldRefsTest {
    private static final Map<String, String> ALLOCATABLE = Map.of("cpu", "8", "memory", "16Gi", "pods", "110");

    /** app sets cpu 250m/500m and memory 64Mi/128Mi; bare sets nothing. */
    private static final Pod POD = new PodBuilder().withNewMetadata().withName("p").withNamespace("default").endMetadata()
            .withNewSpec()
            .addNewContainer().withName("app").withNewResources()
            .withRequests(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("64Mi")))
            .withLimits(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("128Mi"),
                    "ephemeral-storage", new Quantity("1G")))
            .endResources().endContainer()
            .addNewContainer().withName("bare").endContainer()
            .endSpec().build();

    private static ResourceFieldSelector ref(String container, String resource, String divisor) {
        return new ResourceFieldSelectorBuilder().withContainerName(container).withResource(resource)
                .withDivisor(divisor == null ? null : new Quantity(divisor)).build();
    }

    @ParameterizedTest(name = "{0} {1} / {2} = {3}")
    @CsvSource(nullValues = "-", value = {
            "app, limits.cpu, -, 1",            // 500m rounds up to one core
            "app, limits.cpu, 1m, 500",
            "app, requests.cpu, 1m, 250",
            "app, requests.cpu, 100m, 3",       // 2.5 units round up
            "app, limits.memory, -, 134217728",
            "app, limits.memory, 1Mi, 128",
            "app, requests.memory, 1Mi, 64",
            "app, requests.memory, 1Gi, 1",
            "app, limits.ephemeral-storage, 1M, 1000",
            "bare, limits.cpu, -, 8",           // no limit: the node's allocatable
            "bare, limits.memory, 1Gi, 16",
            "bare, requests.cpu, -, 0",
            "bare, requests.memory, -, 0",
            "bare, limits.ephemeral-storage, -, 0"})
    void valuesInDivisorUnits(String container, String resource, String divisor, String value) {
        assertThat(ResourceFieldRefs.value(POD, "other", ref(container, resource, divisor), ALLOCATABLE)).isEqualTo(value);
    }

    @Test
    void envDefaultsToItsOwnContainer() {
        assertThat(ResourceFieldRefs.value(POD, "app", ref(null, "limits.memory", "1Mi"), ALLOCATABLE)).isEqualTo("128");
    }

    @Test
    void anUnknownResourceIsAnError() {
        assertThatThrownBy(() -> ResourceFieldRefs.value(POD, "app", ref(null, "limits.gpu", null), ALLOCATABLE))
                .hasMessageContaining("unsupported container resource");
    }

    @Test
    void downwardApiVolumeItemsShareTheValues() {
        var items = List.of(new DownwardAPIVolumeFileBuilder().withPath("cpu_limit")
                .withResourceFieldRef(ref("app", "limits.cpu", "1m")).build());
        assertThat(DownwardApiFiles.of(POD, items, "127.0.0.9", "127.0.0.1", ALLOCATABLE)).isEqualTo(Map.of("cpu_limit", "500"));
    }
}

package io.k8j.controllers.resourcequota;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ReplenishmentTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    static Stream<org.junit.jupiter.params.provider.Arguments> changes() {
        return Stream.of(
                arguments("pod starts running", pod("Pending"), pod("Running"), false),
                arguments("pod succeeds", pod("Running"), pod("Succeeded"), true),
                arguments("pod fails", pod("Running"), pod("Failed"), true),
                arguments("service becomes NodePort", service("ClusterIP"), service("NodePort"), true),
                arguments("service relabelled", service("ClusterIP"), service("ClusterIP"), false),
                arguments("claim grows", claim("1Gi"), claim("2Gi"), true),
                arguments("claim unchanged", claim("1Gi"), claim("1Gi"), false),
                arguments("config map edited", new ConfigMapBuilder().withData(Map.of("a", "1")).build(),
                        new ConfigMapBuilder().withData(Map.of("a", "2")).build(), false));
    }

    @ParameterizedTest(name = "{0} -> recount {3}")
    @MethodSource("changes")
    void recountsOnlyWhenUsageMoves(String name, HasMetadata old, HasMetadata now, boolean recount) {
        assertThat(Replenishment.changesUsage(old, now, NOW)).isEqualTo(recount);
    }

    private static HasMetadata pod(String phase) {
        return new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewStatus().withPhase(phase).endStatus().build();
    }

    private static HasMetadata service(String type) {
        return new ServiceBuilder().withNewMetadata().withName("s").endMetadata().withNewSpec().withType(type).endSpec().build();
    }

    private static HasMetadata claim(String size) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName("c").endMetadata().withNewSpec().withNewResources()
                .withRequests(Map.of("storage", new Quantity(size))).endResources().endSpec().build();
    }
}

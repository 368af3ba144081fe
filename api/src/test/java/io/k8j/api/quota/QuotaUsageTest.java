package io.k8j.api.quota;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QuotaUsageTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:01:00Z");

    private static final Map<String, List<? extends HasMetadata>> OBJECTS = Map.of(
            "pods", List.of(
                    pod("a", "Running", "100m", "64Mi", "200m", null),
                    pod("b", "Pending", "250m", "128Mi", null, null),
                    pod("done", "Succeeded", "4", "1Gi", null, null),                 // terminal: free
                    pod("gone", "Running", "4", "1Gi", null, "2025-01-01T00:00:00Z"), // past its grace period: free
                    withInit(pod("init", "Running", "100m", null, null, null), "1")),
            "services", List.of(service("ClusterIP", 1), service("NodePort", 2), service("LoadBalancer", 1)),
            "configmaps", List.of(new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build()),
            "secrets", List.of(),
            "persistentvolumeclaims", List.of(claim("1Gi"), claim("512Mi")),
            "jobs.batch", List.of(new JobBuilder().withNewMetadata().withName("j").endMetadata().build()));

    @ParameterizedTest(name = "{0} (hard {1}) -> {2}")
    @CsvSource({
            "pods, 10, 3",
            "count/pods, 10, 3",
            "requests.cpu, 4, 1350m",    // 100m + 250m + max(100m, init 1)
            "cpu, 4, 1350m",
            "requests.memory, 1Gi, 192Mi",
            "memory, 1Gi, 192Mi",
            "limits.cpu, 4, 200m",
            "limits.memory, 1Gi, 0",
            "services, 5, 3",
            "services.nodeports, 5, 3",
            "services.loadbalancers, 5, 1",
            "configmaps, 5, 1",
            "secrets, 5, 0",
            "persistentvolumeclaims, 5, 2",
            "requests.storage, 10Gi, 1536Mi",
            "count/jobs.batch, 5, 1",
    })
    void usage(String resource, String hard, String used) {
        Map<String, Quantity> result = usage().used(Map.of(resource, new Quantity(hard)));
        assertThat(result).containsOnlyKeys(resource);
        assertThat(result.get(resource).toString()).isEqualTo(used);
    }

    @Test
    void resourcesItDoesNotKnowAreLeftOut() {
        Map<String, Quantity> hard = new LinkedHashMap<>();
        hard.put("pods", new Quantity("5"));
        hard.put("count/widgets.example.com", new Quantity("5"));
        hard.put("nvidia.com/gpu", new Quantity("1"));
        assertThat(usage().used(hard)).containsOnlyKeys("pods");
    }

    @ParameterizedTest(name = "app 100m, sidecar 200m, then an init container of {0} -> {1}")
    @CsvSource({
            "1, 1.2",      // the init container runs beside the sidecar started before it
            "50m, 0.3",    // app and sidecar run together for the rest of the pod's life
    })
    void sidecarsAddToTheAppContainersAndToTheInitContainersAfterThem(String init, String expected) {
        Pod pod = new PodBuilder(pod("s", "Running", "100m", null, null, null)).editSpec()
                .addNewInitContainer().withName("side").withRestartPolicy("Always").withNewResources()
                .withRequests(Map.of("cpu", new Quantity("200m"))).endResources().endInitContainer().endSpec().build();
        assertThat(PodUsage.of(withInit(pod, init), "cpu", false)).isEqualByComparingTo(expected);
    }

    private static QuotaUsage usage() {
        return new QuotaUsage(OBJECTS::get, NOW);
    }

    private static Pod pod(String name, String phase, String cpu, String memory, String cpuLimit, String deletedAt) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withDeletionTimestamp(deletedAt)
                .withDeletionGracePeriodSeconds(deletedAt == null ? null : 30L).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withNewResources().endResources().endContainer().endSpec()
                .withNewStatus().withPhase(phase).endStatus();
        Map<String, Quantity> requests = new LinkedHashMap<>();
        requests.put("cpu", new Quantity(cpu));
        if (memory != null) {
            requests.put("memory", new Quantity(memory));
        }
        b.editSpec().editFirstContainer().editResources().withRequests(requests)
                .withLimits(cpuLimit == null ? null : Map.of("cpu", new Quantity(cpuLimit))).endResources().endContainer().endSpec();
        return b.build();
    }

    private static Pod withInit(Pod pod, String cpu) {
        return new PodBuilder(pod).editSpec().addNewInitContainer().withName("i").withNewResources()
                .withRequests(Map.of("cpu", new Quantity(cpu))).endResources().endInitContainer().endSpec().build();
    }

    private static HasMetadata service(String type, int ports) {
        ServiceBuilder b = new ServiceBuilder().withNewMetadata().withName(type.toLowerCase()).endMetadata().withNewSpec().withType(type).endSpec();
        for (int i = 0; i < ports; i++) {
            b.editSpec().addNewPort().withPort(80 + i).endPort().endSpec();
        }
        return b.build();
    }

    private static HasMetadata claim(String storage) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName("pvc-" + storage).endMetadata()
                .withNewSpec().withNewResources().withRequests(Map.of("storage", new Quantity(storage))).endResources().endSpec().build();
    }
}

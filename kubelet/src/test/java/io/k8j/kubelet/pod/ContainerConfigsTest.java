package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.k8j.kubelet.runtime.ContainerConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerConfigsTest {
    private static final ConfigSource NO_CONFIGS = new ConfigSource() {
        @Override
        public ConfigMap configMap(String namespace, String name) {
            return null;
        }

        @Override
        public Secret secret(String namespace, String name) {
            return null;
        }
    };

    /** The simulated runtime completes what carries the init label at start; a sidecar must run on instead. */
    @Test
    void onlyInitContainersThatRunToCompletionCarryTheInitLabel() {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("default").withUid("u").endMetadata()
                .withNewSpec()
                .addNewInitContainer().withName("setup").withImage("busybox").endInitContainer()
                .addNewInitContainer().withName("side").withImage("busybox").withRestartPolicy("Always").endInitContainer()
                .addNewContainer().withName("app").withImage("busybox").endContainer().endSpec().build();
        ContainerConfigs configs = new ContainerConfigs(NO_CONFIGS, Map.of());
        var spec = pod.getSpec();
        assertThat(label(configs, pod, spec.getInitContainers().get(0))).isEqualTo("true");
        assertThat(label(configs, pod, spec.getInitContainers().get(1))).isNull();
        assertThat(label(configs, pod, spec.getContainers().get(0))).isNull();
    }

    private static String label(ContainerConfigs configs, Pod pod, io.fabric8.kubernetes.api.model.Container c) {
        return configs.of(pod, c, 0, "127.1.0.2", "127.0.0.1", Map.of(), null, null, null).labels().get(ContainerConfig.INIT_LABEL);
    }
}

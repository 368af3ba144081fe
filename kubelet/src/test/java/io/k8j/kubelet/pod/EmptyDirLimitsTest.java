package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EmptyDirLimitsTest {
    @TempDir
    Path dir;

    private static Pod pod(String sizeLimit) {
        return new PodBuilder().withNewSpec().addNewVolume().withName("data").withNewEmptyDir()
                .withSizeLimit(sizeLimit == null ? null : new Quantity(sizeLimit)).endEmptyDir().endVolume().endSpec().build();
    }

    @Test
    void anEmptyDirOverItsSizeLimitGetsThePodEvictedWithKubesMessage() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.write(dir.resolve("a"), new byte[600]);
        Files.write(dir.resolve("sub/b"), new byte[600]);

        assertThat(EmptyDirLimits.exceeded(pod("1Ki"), Map.of("data", dir)))
                .hasValue("Usage of EmptyDir volume \"data\" exceeds the limit \"1Ki\". ");
        assertThat(EmptyDirLimits.exceeded(pod("2Ki"), Map.of("data", dir))).isEmpty();
        assertThat(EmptyDirLimits.exceeded(pod(null), Map.of("data", dir))).isEmpty();
    }
}

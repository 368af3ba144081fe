package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryEmptyDirsTest {
    private static Pod pod(String limitA, String limitB, String initLimit) {
        return new PodBuilder().withNewSpec()
                .addNewContainer().withName("a").withNewResources().addToLimits(limits(limitA)).endResources().endContainer()
                .addNewContainer().withName("b").withNewResources().addToLimits(limits(limitB)).endResources().endContainer()
                .addNewInitContainer().withName("i").withNewResources().addToLimits(limits(initLimit)).endResources().endInitContainer()
                .endSpec().build();
    }

    private static Map<String, Quantity> limits(String memory) {
        return memory.isEmpty() ? Map.of() : Map.of("memory", new Quantity(memory));
    }

    @ParameterizedTest(name = "limits {0}+{1}, init {2}, sizeLimit {3}, allocatable {4}: {5}")
    @CsvSource(delimiter = '|', value = {
            "    |     |      |      | 8Gi  | 8589934592", // nothing bounds it below the node's allocatable memory
            "64Mi| 64Mi|      |      | 8Gi  | 134217728",  // the pod's limit: the sum of its containers'
            "64Mi| 64Mi| 1Gi  |      | 8Gi  | 1073741824", // or the largest init container's
            "64Mi|     |      |      | 8Gi  | 8589934592", // a container without a limit: the pod has none
            "64Mi| 64Mi|      | 16Mi | 8Gi  | 16777216",   // the volume's sizeLimit when smaller
            "64Mi| 64Mi|      | 1Gi  | 8Gi  | 134217728",  // but never more than the pod may use
            "    |     |      |      |      | 0",          // unknown: tmpfs's own default
    })
    void theSizeIsTheSmallestOfAllocatablePodLimitAndSizeLimit(String a, String b, String init, String sizeLimit,
                                                               String allocatable, long expected) {
        EmptyDirVolumeSource v = new EmptyDirVolumeSource("Memory", sizeLimit == null ? null : new Quantity(sizeLimit));
        Map<String, String> node = allocatable == null ? Map.of() : Map.of("memory", allocatable);
        assertThat(MemoryEmptyDirs.size(pod(nz(a), nz(b), nz(init)), v, node)).isEqualTo(expected);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}

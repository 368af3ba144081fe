package io.k8j.client;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VolumeClaimsTest {

    /** "name:size:class:modes[:claimedBy][:label=value]", modes joined by '+'. */
    private static PersistentVolume pv(String spec) {
        String[] f = spec.split(":");
        var b = new PersistentVolumeBuilder().withNewMetadata().withName(f[0]).endMetadata().withNewSpec()
                .withCapacity(Map.of("storage", new Quantity(f[1]))).withStorageClassName(f[2])
                .withAccessModes(Arrays.asList(f[3].split("\\+"))).endSpec();
        if (f.length > 4 && !f[4].isEmpty()) {
            b.editSpec().withNewClaimRef().withNamespace("ns").withName(f[4]).endClaimRef().endSpec();
        }
        if (f.length > 5) {
            String[] label = f[5].split("=");
            b.editMetadata().withLabels(Map.of(label[0], label[1])).endMetadata();
        }
        return b.build();
    }

    private static PersistentVolumeClaim claim(String size, String className, String modes, String volumeName, String selector) {
        var b = new PersistentVolumeClaimBuilder().withNewMetadata().withName("data").withNamespace("ns").withUid("u1").endMetadata()
                .withNewSpec().withStorageClassName(className).withAccessModes(Arrays.asList(modes.split("\\+")))
                .withNewResources().withRequests(Map.of("storage", new Quantity(size))).endResources()
                .withVolumeName(volumeName.isEmpty() ? null : volumeName).endSpec();
        if (!selector.isEmpty()) {
            String[] label = selector.split("=");
            b.editSpec().withNewSelector().withMatchLabels(Map.of(label[0], label[1])).endSelector().endSpec();
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "smallest that fits          | 5Gi | slow | ReadWriteOnce |       |          | a:10Gi:slow:ReadWriteOnce, b:5Gi:slow:ReadWriteOnce, c:1Gi:slow:ReadWriteOnce | b",
            "class must match            | 1Gi | fast | ReadWriteOnce |       |          | a:10Gi:slow:ReadWriteOnce                                                      | ",
            "no class matches no class   | 1Gi | ''   | ReadWriteOnce |       |          | a:10Gi::ReadWriteOnce                                                          | a",
            "access modes must be offered| 1Gi | slow | ReadWriteMany |       |          | a:10Gi:slow:ReadWriteOnce, b:20Gi:slow:ReadWriteOnce+ReadWriteMany             | b",
            "claimed by another          | 1Gi | slow | ReadWriteOnce |       |          | a:1Gi:slow:ReadWriteOnce:other, b:2Gi:slow:ReadWriteOnce                       | b",
            "pre-bound wins over smaller | 1Gi | slow | ReadWriteOnce |       |          | a:1Gi:slow:ReadWriteOnce, b:9Gi:slow:ReadWriteOnce:data                        | b",
            "volumeName pins it          | 1Gi | slow | ReadWriteOnce | c     |          | a:1Gi:slow:ReadWriteOnce, c:9Gi:slow:ReadWriteOnce                             | c",
            "selector on labels          | 1Gi | slow | ReadWriteOnce |       | tier=db  | a:1Gi:slow:ReadWriteOnce::tier=web, b:3Gi:slow:ReadWriteOnce::tier=db          | b",
            "too small                   | 2Gi | slow | ReadWriteOnce |       |          | a:1Gi:slow:ReadWriteOnce, b:1500Mi:slow:ReadWriteOnce                          | ",
    })
    void bestMatch(String name, String size, String className, String modes, String volumeName, String selector,
                   String volumes, String expected) {
        List<PersistentVolume> pvs = Arrays.stream(volumes.split(",\\s*")).map(VolumeClaimsTest::pv).toList();
        var match = VolumeClaims.bestMatch(claim(size, className.equals("''") ? "" : className, modes,
                volumeName == null ? "" : volumeName, selector == null ? "" : selector), pvs, pv -> true);
        assertThat(match.map(pv -> pv.getMetadata().getName()).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "In matches     | In          | n1 | n1 | true",
            "In differs     | In          | n1 | n2 | false",
            "NotIn          | NotIn       | n1 | n2 | true",
            "Exists         | Exists      |    | n2 | true",
    })
    void nodeAffinity(String name, String operator, String value, String node, boolean allowed) {
        PersistentVolume pv = new PersistentVolumeBuilder().withNewSpec().withNewNodeAffinity().withNewRequired()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey("kubernetes.io/hostname").withOperator(operator)
                .withValues(value == null ? List.of() : List.of(value)).endMatchExpression().endNodeSelectorTerm()
                .endRequired().endNodeAffinity().endSpec().build();
        assertThat(VolumeClaims.allowsNode(pv, Map.of("kubernetes.io/hostname", node))).isEqualTo(allowed);
        assertThat(VolumeClaims.allowsNode(new PersistentVolumeBuilder().withNewSpec().endSpec().build(), Map.of())).isTrue();
    }
}

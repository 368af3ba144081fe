package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static io.k8j.apiserver.registry.strategy.Fixtures.fields;
import static io.k8j.apiserver.registry.strategy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Priority and DefaultStorageClass admission rules and the two new resources' validation. */
class PriorityAndStorageAdmissionTest {
    private static final List<ObjectNode> CLASSES = List.of(
            yaml("{metadata: {name: high}, value: 1000}"),
            yaml("{metadata: {name: polite}, value: 500, preemptionPolicy: Never}"),
            yaml("{metadata: {name: low-default}, value: 10, globalDefault: true}"),
            yaml("{metadata: {name: lower-default}, value: 5, globalDefault: true}"));
    private static final Fixtures.Context WITH_CLASSES = new Fixtures.Context(Map.of("priorityclasses", CLASSES), false);

    private static ObjectNode pod(String spec) {
        ObjectNode pod = yaml("{metadata: {name: p}, spec: {containers: [{name: c, image: busybox}]}}");
        ((ObjectNode) pod.get("spec")).setAll(yaml(spec));
        return pod;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{priorityClassName: high}                    | high                    | 1000       | PreemptLowerPriority",
            "{priorityClassName: polite}                  | polite                  | 500        | Never",
            "{}                                           | lower-default           | 5          | PreemptLowerPriority",
            "{priorityClassName: system-node-critical}    | system-node-critical    | 2000001000 | PreemptLowerPriority",
            "{priorityClassName: high, priority: 1000}    | high                    | 1000       | PreemptLowerPriority",
    })
    void priorityComesFromTheClass(String spec, String className, long priority, String policy) {
        ObjectNode pod = pod(spec);
        new PodStrategy(DefaultTolerationSeconds.DEFAULTS).prepareForCreate(pod, WITH_CLASSES);
        assertThat(pod.at("/spec/priorityClassName").asText()).isEqualTo(className);
        assertThat(pod.at("/spec/priority").asLong()).isEqualTo(priority);
        assertThat(pod.at("/spec/preemptionPolicy").asText()).isEqualTo(policy);
    }

    @Test
    void withoutAGlobalDefaultPriorityIsZeroAndNoClassIsNamed() {
        ObjectNode pod = pod("{}");
        new PodStrategy(DefaultTolerationSeconds.DEFAULTS).prepareForCreate(pod, Fixtures.Context.empty());
        assertThat(pod.at("/spec/priority").asLong()).isZero();
        assertThat(pod.at("/spec/priorityClassName").isMissingNode()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{priorityClassName: gold}                    | pods \"p\" is forbidden: no PriorityClass with name gold was found",
            "{priorityClassName: high, priority: 7}       | pods \"p\" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name",
            "{priorityClassName: polite, preemptionPolicy: PreemptLowerPriority} | pods \"p\" is forbidden: the string value of PreemptionPolicy (PreemptLowerPriority) must not be provided in pod spec; priority admission controller computed Never from the given PriorityClass name",
    })
    void badPriorityIsForbidden(String spec, String message) {
        assertThatThrownBy(() -> new PodStrategy(DefaultTolerationSeconds.DEFAULTS).prepareForCreate(pod(spec), WITH_CLASSES))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}                           | newer",
            "{spec: {storageClassName: fast, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}   | fast",
            "{spec: {storageClassName: '', accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}     | ''",
    })
    void claimsWithoutAClassGetTheNewestDefault(String pvc, String expected) {
        List<ObjectNode> classes = List.of(
                yaml("{metadata: {name: older, creationTimestamp: '2024-01-01T00:00:00Z', annotations: {storageclass.kubernetes.io/is-default-class: 'true'}}}"),
                yaml("{metadata: {name: newer, creationTimestamp: '2024-02-01T00:00:00Z', annotations: {storageclass.kubernetes.io/is-default-class: 'true'}}}"),
                yaml("{metadata: {name: fast, creationTimestamp: '2024-03-01T00:00:00Z'}}"));
        ObjectNode claim = yaml(pvc);
        new PersistentVolumeClaimStrategy().prepareForCreate(claim, new Fixtures.Context(Map.of("storageclasses", classes), false));
        assertThat(claim.at("/spec/storageClassName").asText()).isEqualTo(expected.equals("''") ? "" : expected);
    }

    @Test
    void storageClassRules() {
        StorageClassStrategy strategy = new StorageClassStrategy();
        ObjectNode sc = yaml("{metadata: {name: s}, provisioner: p}");
        strategy.prepareForCreate(sc, Fixtures.Context.empty());
        assertThat(sc.get("reclaimPolicy").asText()).isEqualTo("Delete");
        assertThat(sc.get("volumeBindingMode").asText()).isEqualTo("Immediate");
        assertThat(fields(strategy.validate(yaml("{metadata: {name: s}, reclaimPolicy: Recycle}"))))
                .containsExactly("provisioner: FieldValueRequired", "reclaimPolicy: FieldValueNotSupported");
        ObjectNode changed = sc.deepCopy().put("provisioner", "q");
        assertThat(fields(strategy.validateUpdate(changed, sc))).containsExactly("provisioner: FieldValueInvalid");
    }

    @Test
    void priorityClassRules() {
        PriorityClassStrategy strategy = new PriorityClassStrategy();
        assertThat(fields(strategy.validate(yaml("{metadata: {name: huge}, value: 1000000001}"))))
                .containsExactly("value: FieldValueForbidden");
        assertThat(strategy.validate(yaml("{metadata: {name: system-x}, value: 2000000000}"))).isEmpty();
        ObjectNode pc = yaml("{metadata: {name: a}, value: 1}");
        assertThat(fields(strategy.validateUpdate(pc.deepCopy().put("value", 2), pc))).containsExactly("value: FieldValueInvalid");
    }
}

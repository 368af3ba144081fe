package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.k8j.apiserver.registry.strategy.Fixtures.fields;
import static io.k8j.apiserver.registry.strategy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PodStrategyTest {
    private final PodStrategy strategy = new PodStrategy(DefaultTolerationSeconds.DEFAULTS);

    /** What `kubectl run x --image=busybox` sends. */
    private static ObjectNode kubectlRun() {
        return yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: x, labels: {run: x}}
                spec:
                  containers:
                  - {name: x, image: busybox, resources: {}}
                  dnsPolicy: ClusterFirst
                  restartPolicy: Always
                status: {}
                """);
    }

    private ObjectNode created(ObjectNode pod) {
        strategy.prepareForCreate(pod, Fixtures.Context.empty());
        return pod;
    }

    @Test
    void kubectlRunPodReadsBackAsOnARealCluster() {
        ObjectNode pod = created(kubectlRun());

        // `kubectl get pod x -o yaml` on kube 1.33 (the volume's suffix is random)
        String volume = pod.at("/spec/volumes/0/name").asText();
        assertThat(volume).matches("kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(pod.get("spec")).isEqualTo(yaml("""
                containers:
                - image: busybox
                  imagePullPolicy: Always
                  name: x
                  resources: {}
                  terminationMessagePath: /dev/termination-log
                  terminationMessagePolicy: File
                  volumeMounts:
                  - mountPath: /var/run/secrets/kubernetes.io/serviceaccount
                    name: VOLUME
                    readOnly: true
                dnsPolicy: ClusterFirst
                enableServiceLinks: true
                preemptionPolicy: PreemptLowerPriority
                priority: 0
                restartPolicy: Always
                schedulerName: default-scheduler
                securityContext: {}
                serviceAccount: default
                serviceAccountName: default
                terminationGracePeriodSeconds: 30
                tolerations:
                - {effect: NoExecute, key: node.kubernetes.io/not-ready, operator: Exists, tolerationSeconds: 300}
                - {effect: NoExecute, key: node.kubernetes.io/unreachable, operator: Exists, tolerationSeconds: 300}
                volumes:
                - name: VOLUME
                  projected:
                    defaultMode: 420
                    sources:
                    - serviceAccountToken:
                        expirationSeconds: 3607
                        path: token
                    - configMap:
                        items:
                        - key: ca.crt
                          path: ca.crt
                        name: kube-root-ca.crt
                    - downwardAPI:
                        items:
                        - fieldRef:
                            apiVersion: v1
                            fieldPath: metadata.namespace
                          path: namespace
                """.replace("VOLUME", volume)));
        assertThat(pod.get("status")).isEqualTo(yaml("{phase: Pending, qosClass: BestEffort}"));
        assertThat(strategy.validate(pod)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "busybox, Always",
            "busybox:latest, Always",
            "busybox:1.36, IfNotPresent",
            "localhost:5000/busybox, Always",
            "localhost:5000/busybox:1.36, IfNotPresent",
            "busybox@sha256:0123456789abcdef, IfNotPresent",
    })
    void imagePullPolicyFollowsTheTag(String image, String policy) {
        ObjectNode pod = kubectlRun();
        ((ObjectNode) pod.at("/spec/containers/0")).put("image", image);
        assertThat(created(pod).at("/spec/containers/0/imagePullPolicy").asText()).isEqualTo(policy);
    }

    @Test
    void nestedDefaultsOfProbesVolumesAndEnv() {
        ObjectNode pod = created(yaml("""
                metadata: {name: p}
                spec:
                  containers:
                  - name: c
                    image: nginx:1.27
                    ports: [{containerPort: 80}]
                    env: [{name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]
                    livenessProbe: {httpGet: {port: 80}}
                    resources: {limits: {cpu: 500m, memory: 64Mi}}
                    volumeMounts: [{name: cfg, mountPath: /cfg}, {name: scratch, mountPath: /tmp}]
                  volumes:
                  - {name: cfg, configMap: {name: cfg}}
                  - {name: scratch}
                """));
        assertThat(pod.at("/spec/containers/0/ports/0/protocol").asText()).isEqualTo("TCP");
        assertThat(pod.at("/spec/containers/0/env/0/valueFrom/fieldRef/apiVersion").asText()).isEqualTo("v1");
        assertThat(pod.at("/spec/containers/0/livenessProbe")).isEqualTo(yaml("""
                {httpGet: {port: 80, path: /, scheme: HTTP}, timeoutSeconds: 1, periodSeconds: 10,
                 successThreshold: 1, failureThreshold: 3}
                """));
        assertThat(pod.at("/spec/containers/0/resources/requests")).isEqualTo(yaml("{cpu: 500m, memory: 64Mi}"));
        assertThat(pod.at("/spec/volumes/0/configMap/defaultMode").asInt()).isEqualTo(420);
        assertThat(pod.at("/spec/volumes/1/emptyDir")).isEqualTo(yaml("{}"));
        assertThat(pod.at("/status/qosClass").asText()).isEqualTo("Guaranteed");
        assertThat(strategy.validate(pod)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{containers: []}                                                                   | spec.containers: FieldValueRequired",
            "{containers: [{name: a, image: i}, {name: a, image: i}]}                           | spec.containers[1].name: FieldValueDuplicate",
            "{containers: [{name: a, image: i}], initContainers: [{name: a, image: i}]}         | spec.initContainers[0].name: FieldValueDuplicate",
            "{containers: [{name: a, image: i}], restartPolicy: Sometimes}                      | spec.restartPolicy: FieldValueNotSupported",
            "{containers: [{name: a, image: i}], dnsPolicy: Google}                             | spec.dnsPolicy: FieldValueNotSupported",
            "{containers: [{name: a}]}                                                          | spec.containers[0].image: FieldValueRequired",
            "{containers: [{name: A_b, image: i}]}                                              | spec.containers[0].name: FieldValueInvalid",
            "{containers: [{name: a, image: i, ports: [{containerPort: 70000}]}]}               | spec.containers[0].ports[0].containerPort: FieldValueInvalid",
            "{containers: [{name: a, image: i, volumeMounts: [{name: v, mountPath: /v}]}]}      | spec.containers[0].volumeMounts[0].name: FieldValueNotFound",
            "{containers: [{name: a, image: i}], volumes: [{name: v}, {name: v}]}               | spec.volumes[1].name: FieldValueDuplicate",
            "{containers: [{name: a, image: i}], volumes: [{name: v, emptyDir: {}, hostPath: {path: /v}}]} | spec.volumes[0].hostPath: FieldValueForbidden",
            "{containers: [{name: a, image: i, resources: {requests: {cpu: 2}, limits: {cpu: 1}}}]} | spec.containers[0].resources.requests: FieldValueInvalid",
            "{containers: [{name: a, image: i, restartPolicy: Always}]}                         | spec.containers[0].restartPolicy: FieldValueForbidden",
            "{containers: [{name: a, image: i}], initContainers: [{name: s, image: i, restartPolicy: Never}]} | spec.initContainers[0].restartPolicy: FieldValueNotSupported",
            "{containers: [{name: a, image: i}], initContainers: [{name: s, image: i, lifecycle: {preStop: {sleep: {seconds: 1}}}}]} | spec.initContainers[0].lifecycle: FieldValueForbidden",
            "{containers: [{name: a, image: i}], initContainers: [{name: s, image: i, readinessProbe: {exec: {command: [true]}}}]} | spec.initContainers[0].readinessProbe: FieldValueForbidden",
    })
    void invalidPodsNameTheField(String spec, String error) {
        ObjectNode pod = yaml("{metadata: {name: p}}");
        pod.set("spec", yaml(spec));
        created(pod);
        assertThat(fields(strategy.validate(pod))).containsExactly(error);
    }

    @Test
    void restartPolicyErrorsReadAsKubes() {
        ObjectNode pod = yaml("""
                {metadata: {name: p}, spec: {containers: [{name: a, image: i, restartPolicy: Always}],
                 initContainers: [{name: s, image: i, restartPolicy: OnFailure, startupProbe: {exec: {command: [true]}}}]}}""");
        created(pod);
        assertThat(strategy.validate(pod)).extracting(e -> e.field() + ": " + e.message()).containsExactly(
                "spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers",
                "spec.initContainers[0].restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"",
                "spec.initContainers[0].startupProbe: Forbidden: may not be set for init containers without restartPolicy=Always");
    }

    @Test
    void sysctlErrorsReadAsKubes() {
        ObjectNode pod = yaml("""
                {metadata: {name: p}, spec: {hostNetwork: true, containers: [{name: a, image: i}],
                 securityContext: {sysctls: [{name: "Net..x", value: "1"}, {name: kernel.shm_rmid_forced, value: "1"},
                   {name: kernel.shm_rmid_forced, value: "0"}, {name: net/ipv4/tcp_syncookies, value: "1"}, {value: "1"}]}}}""");
        created(pod);
        assertThat(strategy.validate(pod)).extracting(e -> e.field() + ": " + e.message()).containsExactly(
                "spec.securityContext.sysctls[0].name: Invalid value: \"Net..x\": must have at most 253 characters and match regex "
                        + "^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$",
                "spec.securityContext.sysctls[2].name: Duplicate value: \"kernel.shm_rmid_forced\"",
                "spec.securityContext.sysctls[3].name: Invalid value: \"net/ipv4/tcp_syncookies\": may not be specified when 'hostNetwork' is true",
                "spec.securityContext.sysctls[4].name: Required value");
    }

    @Test
    void aSidecarMayHaveProbesAndHooks() {
        ObjectNode pod = yaml("""
                {metadata: {name: p}, spec: {containers: [{name: a, image: i}],
                 initContainers: [{name: s, image: i, restartPolicy: Always, lifecycle: {preStop: {sleep: {seconds: 1}}},
                   readinessProbe: {exec: {command: [true]}}, livenessProbe: {exec: {command: [true]}},
                   startupProbe: {exec: {command: [true]}}}]}}""");
        created(pod);
        assertThat(strategy.validate(pod)).isEmpty();
    }

    @Test
    void unknownPriorityClassIsForbiddenLikeTheAdmissionPlugin() {
        ObjectNode pod = kubectlRun();
        ((ObjectNode) pod.get("spec")).put("priorityClassName", "gold");
        assertThatThrownBy(() -> created(pod)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(403);
            assertThat(e.getMessage()).isEqualTo("pods \"x\" is forbidden: no PriorityClass with name gold was found");
        });
    }

    @Test
    void ownTolerationOfNotReadyIsKept() {
        ObjectNode pod = kubectlRun();
        ((ObjectNode) pod.get("spec")).set("tolerations", yaml("{a: [{key: node.kubernetes.io/not-ready, operator: Exists}]}").get("a"));
        assertThat(created(pod).at("/spec/tolerations").size()).isEqualTo(2);
        assertThat(pod.at("/spec/tolerations/0/tolerationSeconds").isMissingNode()).isTrue();
    }

    @Test
    void configuredTolerationSecondsGoIntoNewPods() {
        ObjectNode pod = kubectlRun();
        new PodStrategy(new DefaultTolerationSeconds(7, 11)).prepareForCreate(pod, Fixtures.Context.empty());
        assertThat(pod.at("/spec/tolerations")).isEqualTo(yaml("""
                a:
                - {effect: NoExecute, key: node.kubernetes.io/not-ready, operator: Exists, tolerationSeconds: 7}
                - {effect: NoExecute, key: node.kubernetes.io/unreachable, operator: Exists, tolerationSeconds: 11}
                """).get("a"));
    }

    private List<FieldError> update(java.util.function.Consumer<ObjectNode> edit) {
        ObjectNode old = created(kubectlRun());
        ObjectNode pod = old.deepCopy();
        edit.accept((ObjectNode) pod.get("spec"));
        strategy.prepareForUpdate(pod, old, Fixtures.Context.empty());
        return strategy.validateUpdate(pod, old);
    }

    @Test
    void imagesDeadlineAndAddedTolerationsMayChange() {
        assertThat(update(spec -> {
            ((ObjectNode) spec.at("/containers/0")).put("image", "busybox:1.36");
            spec.put("activeDeadlineSeconds", 60);
            spec.withArray("tolerations").addObject().put("key", "gpu").put("operator", "Exists");
        })).isEmpty();
    }

    @Test
    void otherSpecChangesGetKubesForbiddenMessage() {
        List<FieldError> errs = update(spec -> spec.put("restartPolicy", "Never"));
        assertThat(fields(errs)).containsExactly("spec: FieldValueForbidden");
        assertThat(errs.get(0).message()).startsWith("Forbidden: pod updates may not change fields other than "
                + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,");
    }

    @Test
    void nodeNameIsLeftToBinding() {
        assertThat(fields(update(spec -> spec.put("nodeName", "node-1")))).containsExactly("spec: FieldValueForbidden");
    }

    @Test
    void removedTolerationIsForbidden() {
        assertThat(fields(update(spec -> spec.withArray("tolerations").remove(0))))
                .containsExactly("spec.tolerations: FieldValueForbidden");
    }

    @Test
    void deadlineMayOnlyShrink() {
        ObjectNode old = created(kubectlRun());
        ((ObjectNode) old.get("spec")).put("activeDeadlineSeconds", 60);
        ObjectNode pod = old.deepCopy();
        ((ObjectNode) pod.get("spec")).put("activeDeadlineSeconds", 120);
        assertThat(fields(strategy.validateUpdate(pod, old))).containsExactly("spec.activeDeadlineSeconds: FieldValueInvalid");
    }

    @Test
    void selectableFields() {
        ObjectNode pod = created(kubectlRun());
        ((ObjectNode) pod.get("status")).putArray("podIPs").addObject().put("ip", "10.42.0.5");
        assertThat(strategy.selectableFields(pod)).containsEntry("spec.nodeName", "")
                .containsEntry("spec.restartPolicy", "Always")
                .containsEntry("spec.schedulerName", "default-scheduler")
                .containsEntry("spec.serviceAccountName", "default")
                .containsEntry("spec.hostNetwork", "false")
                .containsEntry("status.phase", "Pending")
                .containsEntry("status.podIP", "10.42.0.5")
                .containsEntry("status.nominatedNodeName", "");
    }
}

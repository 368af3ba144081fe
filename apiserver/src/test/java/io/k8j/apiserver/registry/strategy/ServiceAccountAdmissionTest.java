package io.k8j.apiserver.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.k8j.apiserver.registry.strategy.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceAccountAdmissionTest {
    private static final String MOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";

    private static Fixtures.Context accounts(String... yamls) {
        return new Fixtures.Context(Map.of("serviceaccounts", List.of(yamls).stream().map(Fixtures::yaml).toList()), false);
    }

    private static ObjectNode pod(String spec) {
        return yaml("metadata: {name: web, namespace: ns}\nspec: " + spec);
    }

    @Test
    void namedAccountMustExist() {
        ObjectNode pod = pod("{serviceAccountName: robot, containers: [{name: c}]}");
        assertThatThrownBy(() -> ServiceAccountAdmission.admit(pod, accounts()))
                .isInstanceOf(ApiException.class)
                .hasMessage("pods \"web\" is forbidden: error looking up service account ns/robot: serviceaccount \"robot\" not found")
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(403));
    }

    @Test
    void everyContainerAndInitContainerGetsTheTokenVolumeReadOnly() {
        ObjectNode pod = pod("{initContainers: [{name: i}], containers: [{name: a}, {name: b}]}");
        ServiceAccountAdmission.admit(pod, accounts("metadata: {name: default, namespace: ns}"));

        assertThat(pod.at("/spec/serviceAccountName").asText()).isEqualTo("default");
        String volume = pod.at("/spec/volumes/0/name").asText();
        assertThat(volume).startsWith("kube-api-access-").hasSize("kube-api-access-".length() + 5);
        for (String path : List.of("/spec/initContainers/0", "/spec/containers/0", "/spec/containers/1")) {
            assertThat(pod.at(path + "/volumeMounts/0")).isEqualTo(yaml(
                    "{name: " + volume + ", readOnly: true, mountPath: " + MOUNT + "}"));
        }
    }

    @Test
    void automountFalseOnThePodOrItsAccountMountsNothing() {
        ObjectNode byPod = pod("{automountServiceAccountToken: false, containers: [{name: c}]}");
        ServiceAccountAdmission.admit(byPod, accounts("metadata: {name: default, namespace: ns}"));
        assertThat(byPod.at("/spec/volumes").isMissingNode()).isTrue();

        ObjectNode byAccount = pod("{containers: [{name: c}]}");
        ServiceAccountAdmission.admit(byAccount, accounts(
                "{metadata: {name: default, namespace: ns}, automountServiceAccountToken: false}"));
        assertThat(byAccount.at("/spec/volumes").isMissingNode()).isTrue();

        ObjectNode podWins = pod("{automountServiceAccountToken: true, containers: [{name: c}]}");
        ServiceAccountAdmission.admit(podWins, accounts(
                "{metadata: {name: default, namespace: ns}, automountServiceAccountToken: false}"));
        assertThat(podWins.at("/spec/volumes/0/name").asText()).startsWith("kube-api-access-");
    }

    @Test
    void containerWithSomethingMountedThereKeepsIt() {
        ObjectNode pod = pod("{volumes: [{name: own, emptyDir: {}}], containers: [{name: c, volumeMounts: "
                + "[{name: own, mountPath: " + MOUNT + "}]}]}");
        ServiceAccountAdmission.admit(pod, accounts("metadata: {name: default, namespace: ns}"));
        assertThat(pod.at("/spec/volumes").size()).isEqualTo(1);
        assertThat(pod.at("/spec/containers/0/volumeMounts").size()).isEqualTo(1);
    }

    @Test
    void mirrorPodsAreLeftAloneAndMayNotNameAnAccount() {
        ObjectNode mirror = yaml("metadata: {name: web, namespace: ns, annotations: {kubernetes.io/config.mirror: x}}\n"
                + "spec: {containers: [{name: c}]}");
        ServiceAccountAdmission.admit(mirror, accounts());
        assertThat(mirror.at("/spec/serviceAccountName").isMissingNode()).isTrue();
        mirror.with("spec").put("serviceAccountName", "default");
        assertThatThrownBy(() -> ServiceAccountAdmission.admit(mirror, accounts()))
                .hasMessage("pods \"web\" is forbidden: a mirror pod may not reference service accounts");
    }
}

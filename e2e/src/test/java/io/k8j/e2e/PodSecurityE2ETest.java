package io.k8j.e2e;

import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** PodSecurity admission from the namespace labels, as kubectl users see it (no node: nothing needs to run). */
class PodSecurityE2ETest {
    private static final String PRIVILEGED_POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: root}
            spec:
              hostNetwork: true
              containers:
              - name: shell
                image: busybox
                securityContext: {privileged: true}
            """;
    private static final String RESTRICTED_POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: hardened}
            spec:
              securityContext: {runAsNonRoot: true, runAsUser: 1000, seccompProfile: {type: RuntimeDefault}}
              containers:
              - name: app
                image: busybox
                securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
            """;
    private static K8jServer server;

    @BeforeAll
    static void start() {
        server = K8jServer.start(null, List.of(K8jServer.CONTROL_PLANE_ONLY));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {Kubectl.V127, Kubectl.V133})
    void enforceRestrictedRefusesAPrivilegedPodWithKubesMessage(String binary) {
        try (Kubectl kubectl = new Kubectl(binary, server.kubeconfig())) {
            String ns = "enforced-" + binary.substring(binary.length() - 2);
            kubectl.ok("create", "namespace", ns);
            kubectl.ok("label", "namespace", ns, "pod-security.kubernetes.io/enforce=restricted");

            Kubectl.Result refused = kubectl.runWithInput(PRIVILEGED_POD, "-n", ns, "apply", "-f", "-");
            assertThat(refused.code()).isNotZero();
            assertThat(refused.err()).contains("pods \"root\" is forbidden: violates PodSecurity \"restricted:latest\": "
                    + "host namespaces (hostNetwork=true), privileged (container \"shell\" must not set "
                    + "securityContext.privileged=true), allowPrivilegeEscalation != false (container \"shell\" must set "
                    + "securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container \"shell\" "
                    + "must set securityContext.capabilities.drop=[\"ALL\"]), runAsNonRoot != true (pod or container "
                    + "\"shell\" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container \"shell\" "
                    + "must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")");
            assertThat(kubectl.run("-n", ns, "get", "pod", "root").err()).contains("pods \"root\" not found");

            assertThat(kubectl.okWithInput(RESTRICTED_POD, "-n", ns, "apply", "-f", "-")).contains("pod/hardened created");
        }
    }

    @Test
    void warnModeAdmitsWithAWarningAndTemplatesWarnUnderEnforce() {
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.ok("create", "namespace", "warned");
            kubectl.ok("label", "namespace", "warned", "pod-security.kubernetes.io/warn=baseline",
                    "pod-security.kubernetes.io/warn-version=v1.33");
            Kubectl.Result admitted = kubectl.runWithInput(PRIVILEGED_POD, "-n", "warned", "apply", "-f", "-");
            assertThat(admitted.code()).isZero();
            assertThat(admitted.err()).contains("Warning: would violate PodSecurity \"baseline:v1.33\": host namespaces "
                    + "(hostNetwork=true), privileged (container \"shell\" must not set securityContext.privileged=true)");

            kubectl.ok("create", "namespace", "templates");
            kubectl.ok("label", "namespace", "templates", "pod-security.kubernetes.io/enforce=baseline");
            Kubectl.Result deployment = kubectl.runWithInput("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: web}
                    spec:
                      selector: {matchLabels: {app: web}}
                      template:
                        metadata: {labels: {app: web}}
                        spec:
                          containers:
                          - {name: web, image: busybox, ports: [{containerPort: 80, hostPort: 8080}]}
                    """, "-n", "templates", "apply", "-f", "-");
            assertThat(deployment.code()).isZero();
            assertThat(deployment.err()).contains(
                    "Warning: would violate PodSecurity \"baseline:latest\": hostPort (container \"web\" uses hostPort 8080)");
        }
    }

    @Test
    void invalidLabelsAreRefusedAndTighteningWarnsAboutExistingPods() {
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.ok("create", "namespace", "legacy");
            Kubectl.Result invalid = kubectl.run("label", "namespace", "legacy", "pod-security.kubernetes.io/enforce=strict");
            assertThat(invalid.code()).isNotZero();
            assertThat(invalid.err()).contains("The Namespace \"legacy\" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: "
                    + "Invalid value: \"strict\": must be one of privileged, baseline, restricted");
            assertThat(kubectl.ok("get", "namespace", "legacy", "--show-labels")).doesNotContain("pod-security");

            kubectl.ok("-n", "legacy", "run", "one", "--image=busybox");
            kubectl.ok("-n", "legacy", "run", "two", "--image=busybox");
            Kubectl.Result tightened = kubectl.run("label", "namespace", "legacy", "pod-security.kubernetes.io/enforce=restricted");
            assertThat(tightened.code()).isZero();
            assertThat(tightened.err())
                    .contains("Warning: existing pods in namespace \"legacy\" violate the new PodSecurity enforce level \"restricted:latest\"")
                    .contains("Warning: one (and 1 other pod): allowPrivilegeEscalation != false, unrestricted capabilities, "
                            + "runAsNonRoot != true, seccompProfile");
        }
    }
}

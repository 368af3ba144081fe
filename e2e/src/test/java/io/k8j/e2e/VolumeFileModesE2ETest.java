package io.k8j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Secret, configMap and projected volume files as a process in the pod sees them ({@code kubectl exec stat}): an
 * item's mode, else the volume's defaultMode, else 0644; with an fsGroup, the group's and group-readable.
 */
class VolumeFileModesE2ETest {

    @Test
    void defaultModeItemModeAndFsGroup() throws Exception {
        Path dataDir = Files.createTempDirectory("k8j-e2e-volmodes-");
        try (K8jServer server = K8jServer.start(dataDir, List.of("--node-name", "modes-node", "--kubelet-port", "0",
                "--pod-loopback-block", "91"));
             Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.ok("create", "secret", "generic", "creds", "--from-literal=password=hunter2");
            kubectl.ok("create", "configmap", "conf", "--from-literal=app.conf=x=1");
            kubectl.okWithInput("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: modes}
                    spec:
                      securityContext: {fsGroup: 2000}
                      containers:
                      - name: c
                        image: busybox
                        command: [sh, -c, "sleep 3600"]
                        volumeMounts:
                        - {name: secret, mountPath: /etc/secret}
                        - {name: conf, mountPath: /etc/conf}
                        - {name: all, mountPath: /etc/all}
                      volumes:
                      - name: secret
                        secret: {secretName: creds, defaultMode: 0400}
                      - name: conf
                        configMap:
                          name: conf
                          items: [{key: app.conf, path: app.conf, mode: 0600}]
                      - name: all
                        projected:
                          defaultMode: 0400
                          sources:
                          - secret: {name: creds}
                          - configMap: {name: conf}
                    """, "apply", "-f", "-");
            kubectl.ok("wait", "--for=jsonpath={.status.phase}=Running", "pod/modes", "--timeout=60s");

            assertThat(stat(kubectl, "$K8J_VOLUME_SECRET/password")).isEqualTo("440 2000");
            assertThat(stat(kubectl, "$K8J_VOLUME_CONF/app.conf")).isEqualTo("640 2000");
            assertThat(stat(kubectl, "$K8J_VOLUME_ALL/password")).isEqualTo("440 2000");
            assertThat(stat(kubectl, "$K8J_VOLUME_ALL/app.conf")).isEqualTo("440 2000");
            assertThat(kubectl.ok("exec", "modes", "--", "sh", "-c", "cat $K8J_VOLUME_SECRET/password")).isEqualTo("hunter2");

            kubectl.ok("delete", "pod", "modes", "--wait=true");
        } finally {
            K8jServer.deleteTree(dataDir);
        }
    }

    /** The file's octal mode and group id, as {@code stat -c '%a %g'} prints them in the pod. */
    private static String stat(Kubectl kubectl, String file) {
        return kubectl.ok("exec", "modes", "--", "sh", "-c", "stat -L -c '%a %g' " + file).strip();
    }
}

package io.k8j.e2e;

import io.k8j.e2e.support.ContainerdNode;
import io.k8j.e2e.support.Kubectl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Volumes and container details on real containers (containerd), as real kubectl shows them: a configMap volume is
 * kube's atomic layout ({@code ..data} symlink) and changes in place after {@code kubectl edit} while a subPath mount
 * of it keeps what it had; an emptyDir of medium Memory is a tmpfs of the pod's limit or its sizeLimit, gone from the
 * host with the pod; what a container writes to /dev/termination-log, or with FallbackToLogsOnError its log's tail,
 * is its terminated state's message; a pod whose disk emptyDir outgrows its sizeLimit is evicted; a safe sysctl is
 * set in the pod, an unsafe one gets the pod rejected by the kubelet, and a net one with hostNetwork is refused by
 * the API server.
 */
class ContainerVolumesE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String PODS = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {greeting: hello}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: reader}
            spec:
              containers:
              - name: c
                image: busybox
                imagePullPolicy: IfNotPresent
                command: ["sleep", "3600"]
                resources: {limits: {memory: 64Mi}}
                volumeMounts:
                - {name: settings, mountPath: /etc/settings}
                - {name: settings, mountPath: /etc/greeting, subPath: greeting}
                - {name: cache, mountPath: /cache}
                - {name: scratch, mountPath: /scratch}
              volumes:
              - {name: settings, configMap: {name: settings}}
              - {name: cache, emptyDir: {medium: Memory, sizeLimit: 16Mi}}
              - {name: scratch, emptyDir: {medium: Memory}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: farewell}
            spec:
              restartPolicy: Never
              containers:
              - name: c
                image: busybox
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "echo starting; printf 'bye from the container' > /dev/termination-log; exit 3"]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: crash}
            spec:
              restartPolicy: Never
              containers:
              - name: c
                image: busybox
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "echo first line; echo it broke; exit 2"]
                terminationMessagePolicy: FallbackToLogsOnError
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: filler}
            spec:
              containers:
              - name: c
                image: busybox
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "dd if=/dev/zero of=/data/fill bs=1024 count=2048; sleep 3600"]
                volumeMounts: [{name: data, mountPath: /data}]
              volumes: [{name: data, emptyDir: {sizeLimit: 1Mi}}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: tuned}
            spec:
              securityContext:
                sysctls: [{name: net.ipv4.ip_unprivileged_port_start, value: "443"}]
              containers:
              - {name: c, image: busybox, imagePullPolicy: IfNotPresent, command: ["sleep", "3600"]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: untuned}
            spec:
              securityContext:
                sysctls: [{name: net.core.somaxconn, value: "1024"}]
              containers:
              - {name: c, image: busybox, imagePullPolicy: IfNotPresent, command: ["sleep", "3600"]}
            """;

    private static ContainerdNode node;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() {
        ContainerdNode.assumeAvailable();
        node = ContainerdNode.start("volumes-node");
        kubectl = new Kubectl(Kubectl.V133, node.server().kubeconfig());
        kubectl.okWithInput(PODS, "apply", "-f", "-");
        await().atMost(Duration.ofMinutes(3)).until(() -> ready("reader") && ready("tuned"));
    }

    @AfterAll
    static void stop() {
        if (kubectl != null) {
            kubectl.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aConfigMapVolumeIsSwappedInPlaceThroughItsDataLinkButNotUnderASubPath() {
        String listing = kubectl.ok("exec", "reader", "--", "ls", "-la", "/etc/settings");
        assertThat(listing).containsPattern("\\.\\.data -> \\.\\.\\d{4}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_\\d{2}\\.\\d+")
                .contains("greeting -> ..data/greeting");
        String before = kubectl.ok("exec", "reader", "--", "readlink", "/etc/settings/..data");
        try (Kubectl editing = kubectl.withEnv(Map.of("KUBE_EDITOR", "sed -i s/greeting:\\ hello/greeting:\\ goodbye/"))) {
            editing.ok("edit", "configmap", "settings");
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
                kubectl.ok("exec", "reader", "--", "cat", "/etc/settings/greeting").equals("goodbye"));
        assertThat(kubectl.ok("exec", "reader", "--", "readlink", "/etc/settings/..data")).isNotEqualTo(before);
        assertThat(kubectl.ok("exec", "reader", "--", "cat", "/etc/greeting")).isEqualTo("hello");
    }

    @Test
    void aMemoryEmptyDirIsATmpfsOfTheSizeLimitElseThePodsMemoryLimitGoneWithThePod() {
        String mounts = kubectl.ok("exec", "reader", "--", "cat", "/proc/mounts");
        assertThat(mounts).containsPattern("tmpfs /cache tmpfs rw,[^ ]*size=16384k")
                .containsPattern("tmpfs /scratch tmpfs rw,[^ ]*size=65536k");
        String uid = field("reader", "{.metadata.uid}");
        String podDir = node.dataDir().resolve("pods").resolve(uid).toString();
        assertThat(ContainerdNode.host("cat", "/proc/self/mounts").out()).contains(podDir + "/volumes/cache tmpfs");

        kubectl.okWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: short}
                spec:
                  terminationGracePeriodSeconds: 0
                  containers:
                  - {name: c, image: busybox, imagePullPolicy: IfNotPresent, command: ["sleep", "3600"],
                     volumeMounts: [{name: m, mountPath: /m}]}
                  volumes: [{name: m, emptyDir: {medium: Memory, sizeLimit: 1Mi}}]
                """, "apply", "-f", "-");
        await().atMost(WAIT).until(() -> ready("short"));
        String shortDir = node.dataDir().resolve("pods").resolve(field("short", "{.metadata.uid}")).toString();
        assertThat(ContainerdNode.host("cat", "/proc/self/mounts").out()).contains(shortDir + "/volumes/m tmpfs");
        kubectl.ok("delete", "pod", "short", "--wait=true", "--timeout=60s");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(ContainerdNode.host("cat", "/proc/self/mounts").out()).doesNotContain(shortDir));
    }

    @ParameterizedTest
    @ValueSource(strings = {Kubectl.V127, Kubectl.V133})
    void whatTheContainerWroteToItsTerminationLogIsItsTerminatedMessage(String binary) {
        try (Kubectl k = new Kubectl(binary, node.server().kubeconfig())) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(k.ok("get", "pod", "farewell", "-o",
                    "jsonpath={.status.containerStatuses[0].state.terminated.exitCode}")).isEqualTo("3"));
            assertThat(k.ok("get", "pod", "farewell", "-o", "jsonpath={.status.containerStatuses[0].state.terminated.message}"))
                    .isEqualTo("bye from the container");
            assertThat(k.ok("describe", "pod", "farewell")).containsPattern("Message:\\s+bye from the container");
        }
    }

    @Test
    void fallbackToLogsOnErrorGivesAFailedContainerTheTailOfItsLog() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(field("crash",
                "{.status.containerStatuses[0].state.terminated.exitCode}")).isEqualTo("2"));
        assertThat(kubectl.ok("get", "pod", "crash", "-o", "jsonpath={.status.containerStatuses[0].state.terminated.message}"))
                .isEqualTo("first line\nit broke\n");
    }

    @Test
    void aPodWhoseEmptyDirOutgrowsItsSizeLimitIsEvicted() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(field("filler", "{.status.phase}")).isEqualTo("Failed"));
        assertThat(field("filler", "{.status.reason}")).isEqualTo("Evicted");
        assertThat(kubectl.ok("get", "pod", "filler", "-o", "jsonpath={.status.message}"))
                .isEqualTo("Usage of EmptyDir volume \"data\" exceeds the limit \"1Mi\". ");
        assertThat(kubectl.ok("get", "events", "--field-selector", "involvedObject.name=filler,reason=Evicted", "-o",
                "jsonpath={.items[*].message}")).contains("Usage of EmptyDir volume \"data\" exceeds the limit \"1Mi\".");
        assertThat(field("filler", "{.status.containerStatuses[0].state.terminated.exitCode}")).isEqualTo("137");
    }

    @Test
    void aSafeSysctlIsSetInThePodAndAnUnsafeOneGetsItRejected() {
        assertThat(kubectl.ok("exec", "tuned", "--", "cat", "/proc/sys/net/ipv4/ip_unprivileged_port_start").strip())
                .isEqualTo("443");
        await().atMost(WAIT).untilAsserted(() -> assertThat(field("untuned", "{.status.phase}")).isEqualTo("Failed"));
        assertThat(field("untuned", "{.status.reason}")).isEqualTo("SysctlForbidden");
        assertThat(field("untuned", "{.status.message}"))
                .isEqualTo("Pod was rejected: forbidden sysctl: \"net.core.somaxconn\" not allowlisted");
        assertThat(kubectl.ok("get", "events", "--field-selector", "involvedObject.name=untuned", "-o",
                "custom-columns=TYPE:.type,REASON:.reason,MESSAGE:.message", "--no-headers"))
                .containsPattern("Warning\\s+SysctlForbidden\\s+forbidden sysctl: \"net.core.somaxconn\" not allowlisted");
        assertThat(kubectl.ok("get", "pod", "untuned")).contains("SysctlForbidden");
        Kubectl.Result refused = kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: hosttuned}
                spec:
                  hostNetwork: true
                  securityContext:
                    sysctls: [{name: net.ipv4.tcp_syncookies, value: "1"}]
                  containers:
                  - {name: c, image: busybox, imagePullPolicy: IfNotPresent}
                """, "apply", "-f", "-");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("The Pod \"hosttuned\" is invalid: spec.securityContext.sysctls[0].name: "
                + "Invalid value: \"net.ipv4.tcp_syncookies\": may not be specified when 'hostNetwork' is true");
    }

    private static boolean ready(String pod) {
        return "True".equals(field(pod, "{.status.conditions[?(@.type==\"Ready\")].status}"));
    }

    private static String field(String pod, String jsonpath) {
        Kubectl.Result r = kubectl.run("get", "pod", pod, "-o", "jsonpath=" + jsonpath);
        return r.code() == 0 ? r.out().strip() : "";
    }
}

package io.k8j.e2e;

import io.k8j.cri.images.TestImages;
import io.k8j.e2e.support.ContainerdNode;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import io.k8j.e2e.support.Tmux;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real containers: k8j server's kubelet on its own containerd (the default wherever containerd and runc are
 * installed), driven by real kubectl 1.27 and 1.33. A busybox Deployment with no command serves HTTP on its pod
 * IP; a container has its own PID 1, hostname and root filesystem, runs as its runAsUser, cannot write a
 * read-only root; a memory hog is OOMKilled and restarted; logs, exec -it, attach, port-forward and cp reach
 * containers; a configMap volume changes in place; a missing image backs off and recovers once imported; and a
 * SIGKILLed server leaves its containers running and adopts them when it comes back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerdRuntimeE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String PODS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 1
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - {name: web, image: busybox, imagePullPolicy: IfNotPresent}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: locked}
            spec:
              securityContext: {runAsUser: 1000, runAsGroup: 3000, supplementalGroups: [4000]}
              containers:
              - name: c
                image: busybox
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "i=0; while true; do echo line-$i; i=$((i+1)); sleep 1; done"]
                securityContext: {readOnlyRootFilesystem: true, allowPrivilegeEscalation: false}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: hog}
            spec:
              containers:
              - name: c
                image: busybox
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "echo hogging; x=0123456789abcdef; while true; do x=$x$x; done"]
                resources: {limits: {memory: 24Mi}}
            ---
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
                volumeMounts: [{name: settings, mountPath: /etc/settings}]
              volumes:
              - {name: settings, configMap: {name: settings}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: rootless}
            spec:
              securityContext: {runAsNonRoot: true}
              containers:
              - {name: c, image: busybox, imagePullPolicy: IfNotPresent}
            """;

    private static ContainerdNode node;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() {
        ContainerdNode.assumeAvailable();
        node = ContainerdNode.start("cri-node");
        kubectl = new Kubectl(Kubectl.V133, node.server().kubeconfig());
        kubectl.okWithInput(PODS, "apply", "-f", "-");
        await().atMost(Duration.ofMinutes(3)).until(() -> ready(webPod()) && ready("locked") && ready("reader"));
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
    @Order(1)
    void aDeploymentOfBusyboxWithNoCommandServesHttpOnItsPodIp() throws Exception {
        String pod = webPod();
        String ip = field(pod, "{.status.podIP}");
        assertThat(ip).startsWith("10.42.0.");
        // The host reaches the pod through the bridge; the guard chain would reject the address anywhere else.
        assertThat(ContainerdNode.host("iptables", "-w", "-C", "OUTPUT", "-j", "K8J-POD-GUARD").code()).isZero();
        assertThat(ContainerdNode.host("ip", "route", "get", ip).out()).contains("dev k8j0");
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + ip + "/"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Hello from " + pod);
        assertThat(kubectl.ok("get", "pod", pod, "-o", "jsonpath={.status.containerStatuses[0].containerID}"))
                .startsWith("containerd://");
    }

    @ParameterizedTest
    @ValueSource(strings = {Kubectl.V127, Kubectl.V133})
    @Order(2)
    void execSeesTheContainersOwnPid1HostnameAndRootFilesystem(String binary) {
        try (Kubectl k = new Kubectl(binary, node.server().kubeconfig())) {
            String pod = webPod();
            assertThat(k.ok("exec", pod, "--", "cat", "/proc/1/cmdline").replace('\0', ' ')).startsWith("httpd -f");
            assertThat(k.ok("exec", pod, "--", "hostname").strip()).isEqualTo(pod);
            assertThat(k.ok("exec", pod, "--", "cat", "/etc/hosts")).startsWith("# Kubernetes-managed hosts file.")
                    .contains(field(pod, "{.status.podIP}") + "\t" + pod + "\n");
            assertThat(k.ok("exec", pod, "--", "ls", "/").lines().toList()).contains("bin", "www").doesNotContain("work", "usr");
            assertThat(k.run("exec", pod, "--", "sh", "-c", "exit 3").code()).isEqualTo(3);
            assertThat(k.okWithInput("piped\n", "exec", "-i", pod, "--", "cat")).isEqualTo("piped\n");
        }
    }

    @Test
    @Order(2)
    void theSecurityContextIsEnforced() {
        assertThat(kubectl.ok("exec", "locked", "--", "id").strip()).isEqualTo("uid=1000 gid=3000 groups=3000,4000");
        Kubectl.Result write = kubectl.run("exec", "locked", "--", "touch", "/written");
        assertThat(write.code()).isEqualTo(1);
        assertThat(write.err()).contains("Read-only file system");
        assertThat(kubectl.ok("exec", "locked", "--", "grep", "NoNewPrivs", "/proc/self/status")).contains("1");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(field("rootless", "{.status.containerStatuses[0].state.waiting.reason}")).isEqualTo("CreateContainerConfigError");
            assertThat(field("rootless", "{.status.containerStatuses[0].state.waiting.message}")).isEqualTo(
                    "container has runAsNonRoot and image will run as root (pod: \"rootless_default("
                            + field("rootless", "{.metadata.uid}") + ")\", container: c)");
        });
    }

    @Test
    @Order(2)
    void aMemoryHogIsOomKilledAndRestarted() {
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(field("hog", "{.status.containerStatuses[0].lastState.terminated.reason}")).isEqualTo("OOMKilled");
            assertThat(field("hog", "{.status.containerStatuses[0].lastState.terminated.exitCode}")).isEqualTo("137");
            assertThat(Integer.parseInt(field("hog", "{.status.containerStatuses[0].restartCount}"))).isPositive();
        });
        assertThat(kubectl.ok("describe", "pod", "hog")).contains("OOMKilled");
        assertThat(kubectl.ok("logs", "hog", "--previous")).contains("hogging");
    }

    @ParameterizedTest
    @ValueSource(strings = {Kubectl.V127, Kubectl.V133})
    @Order(2)
    void logsFollowAndAttachHearTheContainer(String binary) {
        try (Kubectl k = new Kubectl(binary, node.server().kubeconfig())) {
            assertThat(k.ok("logs", "locked", "--tail", "2").lines()).hasSize(2).allMatch(l -> l.startsWith("line-"));
            try (Kubectl.Background follow = k.background("logs", "-f", "locked", "--tail", "1");
                 Kubectl.Background attach = k.background("attach", "locked")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> follow.output().lines().filter(l -> l.startsWith("line-")).count() >= 3);
                await().atMost(Duration.ofSeconds(30)).until(() -> attach.output().lines().filter(l -> l.startsWith("line-")).count() >= 2);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Kubectl.V127, Kubectl.V133})
    @Order(2)
    void execDashItRunsAShellOnATerminal(String binary) throws Exception {
        try (Tmux tmux = new Tmux()) {
            tmux.start(binary + " --kubeconfig " + node.server().kubeconfig() + " exec -it " + webPod() + " -- sh; echo EXITED-$?; sleep 60");
            await().atMost(Duration.ofSeconds(30)).until(() -> tmux.screen().contains("#"));
            tmux.type("echo sum-$((40+2)); stty size");
            await().atMost(Duration.ofSeconds(15)).until(() -> tmux.screen().contains("sum-42"));
            await().atMost(Duration.ofSeconds(15)).until(() -> tmux.screen().lines().anyMatch(l -> l.matches("\\d+ 100\\s*")));
            tmux.type("exit 5");
            await().atMost(Duration.ofSeconds(15)).until(() -> tmux.screen().contains("EXITED-5"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Kubectl.V127, Kubectl.V133})
    @Order(2)
    void portForwardReachesTheContainersPort(String binary) throws Exception {
        int port = K8jServer.freePort();
        try (Kubectl k = new Kubectl(binary, node.server().kubeconfig());
             Kubectl.Background forward = k.background("port-forward", "pod/" + webPod(), port + ":80")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> forward.output().contains("Forwarding from"));
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.body()).contains("Hello from " + webPod());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Kubectl.V127, Kubectl.V133})
    @Order(2)
    void cpCopiesIntoAndOutOfTheContainer(String binary) throws Exception {
        Path dir = Files.createTempDirectory("k8j-cp-");
        try (Kubectl k = new Kubectl(binary, node.server().kubeconfig())) {
            Files.writeString(dir.resolve("in.txt"), "through tar\n");
            k.ok("cp", dir.resolve("in.txt").toString(), webPod() + ":/tmp/in.txt");
            assertThat(k.ok("exec", webPod(), "--", "cat", "/tmp/in.txt")).isEqualTo("through tar\n");
            k.ok("cp", webPod() + ":/tmp/in.txt", dir.resolve("out.txt").toString());
            assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo("through tar\n");
        } finally {
            K8jServer.deleteTree(dir);
        }
    }

    @Test
    @Order(2)
    void aConfigMapVolumeChangesInPlaceAfterKubectlEdit() {
        assertThat(kubectl.ok("exec", "reader", "--", "cat", "/etc/settings/greeting")).isEqualTo("hello");
        try (Kubectl editing = kubectl.withEnv(Map.of("KUBE_EDITOR", "sed -i s/greeting:\\ hello/greeting:\\ goodbye/"))) {
            editing.ok("edit", "configmap", "settings");
        }
        await().atMost(WAIT).until(() -> kubectl.ok("exec", "reader", "--", "cat", "/etc/settings/greeting").equals("goodbye"));
    }

    @Test
    @Order(2)
    void aSecretOf0400IsReadableByANonRootUserThroughItsFsGroup() {
        kubectl.okWithInput("""
                apiVersion: v1
                kind: Secret
                metadata: {name: creds}
                stringData: {password: hunter2}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: modes}
                spec:
                  securityContext: {runAsUser: 1000, fsGroup: 2000}
                  containers:
                  - name: c
                    image: busybox
                    imagePullPolicy: IfNotPresent
                    command: [sleep, "3600"]
                    volumeMounts: [{name: creds, mountPath: /etc/creds}]
                  volumes:
                  - {name: creds, secret: {secretName: creds, defaultMode: 0400}}
                """, "apply", "-f", "-");
        await().atMost(WAIT).until(() -> ready("modes"));

        assertThat(kubectl.ok("exec", "modes", "--", "stat", "-L", "-c", "%a %g", "/etc/creds/password").strip())
                .isEqualTo("440 2000");
        assertThat(kubectl.ok("exec", "modes", "--", "id", "-G")).contains("2000");
        assertThat(kubectl.ok("exec", "modes", "--", "cat", "/etc/creds/password")).isEqualTo("hunter2");
        kubectl.ok("delete", "pod", "modes", "--wait=false");
    }

    @Test
    @Order(3)
    void aMissingImageBacksOffWithContainerdsMessageAndRecoversOnceImported() throws Exception {
        kubectl.okWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: late}
                spec:
                  containers:
                  - {name: c, image: "late:1.0", imagePullPolicy: IfNotPresent}
                """, "apply", "-f", "-");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(field("late", "{.status.containerStatuses[0].state.waiting.reason}")).isEqualTo("ImagePullBackOff"));
        String events = kubectl.ok("get", "events", "--field-selector", "involvedObject.name=late", "-o",
                "custom-columns=REASON:.reason,MESSAGE:.message", "--no-headers");
        assertThat(events).contains("Pulling image \"late:1.0\"",
                "Failed to pull image \"late:1.0\": rpc error: code = ", "Error: ErrImagePull",
                "Back-off pulling image \"late:1.0\"", "Error: ImagePullBackOff");
        // The pull went to the closed port the test gave docker.io, and containerd's own message says so.
        assertThat(events).contains(ContainerdNode.CLOSED_REGISTRY.substring("http://".length()) + ": connect: connection refused");
        Path archive = node.dataDir().resolve("late.tar");
        TestImages.writeBusybox(archive, "docker.io/library/late:1.0");
        K8jServer.cli("images", "import", "--data-dir", node.dataDir().toString(), archive.toString());
        assertThat(K8jServer.cli("images", "ls", "--data-dir", node.dataDir().toString())).contains("docker.io/library/late:1.0");
        await().atMost(Duration.ofMinutes(3)).until(() -> ready("late"));
    }

    @Test
    @Order(4)
    void aSigkilledServerLeavesContainersRunningAndAdoptsThem() throws Exception {
        String pod = webPod();
        String ip = field(pod, "{.status.podIP}");
        String container = field(pod, "{.status.containerStatuses[0].containerID}");
        node.kill();
        // With no k8j running, the container still serves (the guard chain stays while pods may run).
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + ip + "/"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("Hello from " + pod);
        node.restart();
        await().atMost(WAIT).until(() -> webPod().equals(pod) && ready(pod)
                && field("web", "{.status.readyReplicas}", "deployment").equals("1"));
        assertThat(field(pod, "{.status.podIP}")).isEqualTo(ip);
        assertThat(field(pod, "{.status.containerStatuses[0].containerID}")).isEqualTo(container);
        assertThat(field(pod, "{.status.containerStatuses[0].restartCount}")).isEqualTo("0");
    }

    /** The Deployment's pod, "" until it has one. */
    private static String webPod() {
        Kubectl.Result r = kubectl.run("get", "pods", "-l", "app=web", "-o", "jsonpath={.items[*].metadata.name}");
        return r.code() == 0 ? r.out().strip() : "";
    }

    private static boolean ready(String pod) {
        return !pod.isEmpty() && "True".equals(field(pod, "{.status.conditions[?(@.type==\"Ready\")].status}"));
    }

    private static String field(String pod, String jsonpath) {
        return field(pod, jsonpath, "pod");
    }

    private static String field(String name, String jsonpath, String kind) {
        Kubectl.Result r = kubectl.run("get", kind, name, "-o", "jsonpath=" + jsonpath);
        return r.code() == 0 ? r.out().strip() : "";
    }
}

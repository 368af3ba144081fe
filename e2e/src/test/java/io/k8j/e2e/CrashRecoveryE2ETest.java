package io.k8j.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Containers outlive {@code k8j server}, as they outlive kube's kubelet: after a SIGKILL or a graceful stop
 * the restarted kubelet adopts them (one process each, same pod IP, no restart counted), counts a restart
 * where a container really ended meanwhile, stops what belongs to no pod any more, and `k8j killall` stops
 * the rest. Processes are found by their working directory, which is under the test's data dir.
 */
class CrashRecoveryE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String HTTPD = "busybox httpd";
    private static final String SLEEP = "sleep 3600";
    private static final String PODS = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              terminationGracePeriodSeconds: 2
              containers:
              - name: httpd
                image: busybox
                command: ["sh", "-c", "mkdir -p www; echo hello from $HOSTNAME > www/index.html; exec busybox httpd -f -p $POD_IP:8080 -h www"]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: sleeper}
            spec:
              terminationGracePeriodSeconds: 2
              containers:
              - name: sleep
                image: busybox
                command: ["sh", "-c", "echo started; exec sleep 3600"]
            """;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path dataDir;
    private List<String> args;
    private K8jServer server;

    @BeforeEach
    void start() throws IOException {
        dataDir = Files.createTempDirectory("k8j-crash-e2e-");
        args = List.of("--node-name", "crash-node", "--kubelet-port", "0", "--pod-loopback-block", "93");
        server = K8jServer.start(dataDir, args);
    }

    @AfterEach
    void stop() {
        server.close(); // k8j killall included
        assertThat(processesIn(dataDir)).as("processes left by the test").isEmpty();
        K8jServer.deleteTree(dataDir);
    }

    @Test
    void afterASigkillTheRestartedKubeletAdoptsItsContainersAndStopsTheOrphans() throws Exception {
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.okWithInput(PODS, "apply", "-f", "-");
            kubectl.ok("run", "orphan", "--image=busybox", "--restart=Never", "--command", "--", "sh", "-c", "exec sleep 3601");
            for (String pod : List.of("web", "sleeper", "orphan")) {
                await(() -> kubectl.ok("get", "pod", pod, "-o", "jsonpath={.status.phase}").equals("Running"));
            }
            JsonNode web = pod(kubectl, "web");
            String ip = web.at("/status/podIP").asText();
            await(() -> serves(ip));
            long httpd = single(HTTPD);
            long sleep = single(SLEEP);
            String orphanUid = kubectl.ok("get", "pod", "orphan", "-o", "jsonpath={.metadata.uid}");

            server.kill(); // no shutdown hook: the containers are orphans now (parent pid 1)
            assertThat(List.of(single(HTTPD), single(SLEEP), single("sleep 3601"))).containsExactly(httpd, sleep, single("sleep 3601"));
            // While no kubelet runs, a pod is deleted for good: its containers belong to nothing any more.
            server = K8jServer.start(dataDir, List.of(K8jServer.CONTROL_PLANE_ONLY));
            kubectl.ok("delete", "pod", "orphan", "--force", "--grace-period=0");
            server.stop();

            server = K8jServer.start(dataDir, args);
            await(() -> processes("sleep 3601").isEmpty());
            for (String pod : List.of("web", "sleeper")) {
                await(() -> kubectl.ok("get", "pod", pod, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")
                        .equals("True"));
            }
            // Exactly one copy of each, the very processes from before: nothing was started twice.
            assertThat(single(HTTPD)).isEqualTo(httpd);
            assertThat(single(SLEEP)).isEqualTo(sleep);
            JsonNode adopted = pod(kubectl, "web");
            assertThat(adopted.at("/status/podIP").asText()).isEqualTo(ip);
            assertThat(adopted.at("/status/containerStatuses/0/restartCount").asInt()).isZero();
            assertThat(adopted.at("/status/containerStatuses/0/state/running/startedAt"))
                    .isEqualTo(web.at("/status/containerStatuses/0/state/running/startedAt"));
            assertThat(kubectl.ok("get", "pods")).containsPattern("web\\s+1/1\\s+Running\\s+0\\s")
                    .containsPattern("sleeper\\s+1/1\\s+Running\\s+0\\s").doesNotContain("orphan");
            assertThat(serves(ip)).isTrue();
            // The pods' Ready status is the one the killed kubelet wrote; the new one's node server may still be starting.
            await(() -> kubectl.run("logs", "sleeper").code() == 0);
            assertThat(kubectl.ok("logs", "sleeper")).isEqualTo("started\n");
            assertThat(kubectl.ok("exec", "web", "--", "cat", "www/index.html")).isEqualTo("hello from web\n");
            assertThat(dataDir.resolve("pods").resolve(orphanUid)).doesNotExist();

            String webUid = adopted.at("/metadata/uid").asText();
            kubectl.ok("delete", "pod", "web", "sleeper");
            assertThat(processes(HTTPD)).isEmpty();
            assertThat(processes(SLEEP)).isEmpty();
            await(() -> processesIn(dataDir).isEmpty());
            assertThat(dataDir.resolve("pods").resolve(webUid)).doesNotExist();
            try (var logs = Files.list(dataDir.resolve("logs/pods"))) {
                assertThat(logs).isEmpty();
            }
        }
    }

    @Test
    void aGracefulRestartKeepsContainersAndCountsTheOneThatEndedMeanwhileThenKillallStopsThemAll() throws Exception {
        try (Kubectl kubectl = new Kubectl(Kubectl.V127, server.kubeconfig())) {
            kubectl.okWithInput(PODS, "apply", "-f", "-");
            kubectl.ok("run", "doomed", "--image=busybox", "--command", "--", "sh", "-c", "echo up; exec sleep 3602");
            for (String pod : List.of("web", "sleeper", "doomed")) {
                await(() -> kubectl.ok("get", "pod", pod, "-o", "jsonpath={.status.phase}").equals("Running"));
            }
            String ip = pod(kubectl, "web").at("/status/podIP").asText();
            long httpd = single(HTTPD);

            server.stop(); // SIGTERM: k8j shuts down, its containers run on
            assertThat(single(HTTPD)).isEqualTo(httpd);
            assertThat(serves(ip)).isTrue();
            ProcessHandle.of(single("sleep 3602")).orElseThrow().destroyForcibly(); // dies while no kubelet watches

            server = K8jServer.start(dataDir, args);
            await(() -> kubectl.ok("get", "pod", "doomed", "-o", "jsonpath={.status.containerStatuses[0].restartCount}")
                    .equals("1") && processes("sleep 3602").size() == 1);
            JsonNode doomed = pod(kubectl, "doomed");
            assertThat(doomed.at("/status/containerStatuses/0/lastState/terminated/exitCode").asInt()).isEqualTo(137);
            assertThat(kubectl.ok("get", "pod", "doomed")).containsPattern("doomed\\s+1/1\\s+Running\\s+1\\b");
            assertThat(kubectl.ok("logs", "doomed", "--previous")).isEqualTo("up\n");
            await(() -> kubectl.ok("get", "pod", "web", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")
                    .equals("True"));
            assertThat(single(HTTPD)).isEqualTo(httpd);
            assertThat(pod(kubectl, "web").at("/status/podIP").asText()).isEqualTo(ip);
            assertThat(kubectl.ok("get", "pods")).containsPattern("web\\s+1/1\\s+Running\\s+0\\s");

            server.stop();
            assertThat(processesIn(dataDir)).isNotEmpty();
            K8jServer.killall(dataDir);
            assertThat(processesIn(dataDir)).isEmpty();
        }
    }

    private JsonNode pod(Kubectl kubectl, String name) throws IOException {
        return new ObjectMapper().readTree(kubectl.ok("get", "pod", name, "-o", "json"));
    }

    private boolean serves(String ip) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().equals("hello from web\n");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The one process whose command line starts with {@code command}, working in the data dir. */
    private long single(String command) {
        List<Long> found = processes(command);
        assertThat(found).as("processes of %s", command).hasSize(1);
        return found.get(0);
    }

    private List<Long> processes(String command) {
        return processesIn(dataDir).stream().filter(pid -> commandLine(pid).startsWith(command)).toList();
    }

    /** Live processes whose working directory is under {@code dir}: the containers of that data dir. */
    static List<Long> processesIn(Path dir) {
        return ProcessHandle.allProcesses().map(ProcessHandle::pid).filter(pid -> {
            try {
                return Files.readSymbolicLink(Path.of("/proc", pid.toString(), "cwd")).startsWith(dir)
                        && !Files.readString(Path.of("/proc", pid.toString(), "stat")).matches("\\d+ \\(.*\\) Z .*\\s*");
            } catch (IOException e) {
                return false; // gone meanwhile
            }
        }).toList();
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(250);
        }
    }
}

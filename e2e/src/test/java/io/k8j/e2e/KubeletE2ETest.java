package io.k8j.e2e;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventList;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.k8j.e2e.support.K8jServer;
import io.k8j.e2e.support.Kubectl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The kubelet that k8j server runs for its own node, on the process runtime, driven by real kubectl:
 * pods run as host processes, logs come through the API server's pods/log proxy (a container without a log
 * gets the kubelet's message as kube's BadRequest), liveness probes
 * restart, deletion stops the processes, a static pod shows up as a mirror pod, and the kubelet's Events
 * about containers show in `kubectl get events` and `kubectl describe pod`.
 */
class KubeletE2ETest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static Path dataDir;
    private static K8jServer server;

    @BeforeAll
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("k8j-kubelet-e2e-");
        Files.createDirectories(dataDir.resolve("manifests"));
        Files.writeString(dataDir.resolve("manifests/static-web.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata: {name: static-web, namespace: kube-system}
                spec:
                  containers:
                  - name: web
                    image: busybox
                    command: ["sh", "-c", "echo static; sleep 3600"]
                """);
        server = K8jServer.start(dataDir, List.of("--node-name", "e2e-node", "--kubelet-port", "0",
                "--pod-loopback-block", "77"));
    }

    @AfterAll
    static void stop() {
        server.close();
        K8jServer.deleteTree(dataDir);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Kubectl.V133, Kubectl.V127})
    void aPodRunsLogsStreamsAndDeletionStopsItsProcesses(String binary) throws Exception {
        try (Kubectl kubectl = new Kubectl(binary, server.kubeconfig())) {
            String ns = "k" + Path.of(binary).getFileName().toString().replaceAll("\\D", "");
            kubectl.ok("create", "namespace", ns);
            kubectl.ok("-n", ns, "run", "hello", "--image=busybox", "--restart=Never", "--command", "--",
                    "sh", "-c", "echo $$ > pid; echo hello; i=0; while true; do i=$((i+1)); sleep 1; echo tick $i; done");
            await(() -> kubectl.ok("-n", ns, "get", "pod", "hello", "-o", "jsonpath={.status.phase}").equals("Running"));
            String wide = kubectl.ok("-n", ns, "get", "pods", "-o", "wide");
            assertThat(wide).containsPattern("hello\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+127\\.77\\.\\d+\\.\\d+\\s+e2e-node");
            await(() -> kubectl.run("-n", ns, "logs", "hello").out().startsWith("hello\n"));
            try (Kubectl.Background follow = kubectl.background("-n", ns, "logs", "-f", "hello", "--tail=1")) {
                await(() -> follow.output().lines().filter(l -> l.startsWith("tick")).count() >= 2);
                assertThat(follow.isAlive()).isTrue();
            }
            // --limit-bytes ends even a follow; --since-time leaves out what came before
            assertThat(kubectl.ok("-n", ns, "logs", "hello", "-f", "--limit-bytes=8")).isEqualTo("hello\nti");
            String sinceTime = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString();
            await(() -> kubectl.ok("-n", ns, "logs", "hello", "--since-time=" + sinceTime).startsWith("tick"));
            assertThat(kubectl.ok("-n", ns, "logs", "hello", "--since-time=" + sinceTime)).doesNotContain("hello");
            String uid = kubectl.ok("-n", ns, "get", "pod", "hello", "-o", "jsonpath={.metadata.uid}");
            long pid = Long.parseLong(Files.readString(dataDir.resolve("pods").resolve(uid).resolve("hello/pid")).trim());
            assertThat(ProcessHandle.of(pid)).isPresent();
            long started = System.nanoTime();
            kubectl.ok("-n", ns, "delete", "pod", "hello", "--grace-period=10");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(kubectl.run("-n", ns, "logs", "nosuch").err()).contains("pods \"nosuch\" not found");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Kubectl.V133, Kubectl.V127})
    void logsOfAContainerWithoutALogAreTheKubeletsMessage(String binary) {
        try (Kubectl kubectl = new Kubectl(binary, server.kubeconfig())) {
            String ns = "lg" + Path.of(binary).getFileName().toString().replaceAll("\\D", "");
            kubectl.ok("create", "namespace", ns);
            // a volume from a ConfigMap that does not exist keeps the container from being created
            kubectl.okWithInput("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"waiting"},"spec":{"terminationGracePeriodSeconds":1,
                     "containers":[{"name":"main","image":"busybox","command":["sleep","3600"],
                      "volumeMounts":[{"name":"cm","mountPath":"/cm"}]}],
                     "volumes":[{"name":"cm","configMap":{"name":"nosuch"}}]}}
                    """, "-n", ns, "create", "-f", "-");
            await(() -> kubectl.ok("-n", ns, "get", "pod", "waiting", "-o",
                    "jsonpath={.status.containerStatuses[0].state.waiting.reason}").equals("ContainerCreating"));
            Kubectl.Result r = kubectl.run("-n", ns, "logs", "waiting");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("Error from server (BadRequest): container \"main\" in pod \"waiting\" "
                    + "is waiting to start: ContainerCreating\n");
            assertThat(kubectl.run("-n", ns, "logs", "waiting", "--previous").err()).isEqualTo("Error from server "
                    + "(BadRequest): previous terminated container \"main\" in pod \"waiting\" not found\n");
            // a pod no node has taken has no log to show, and that is no error (kube's 204)
            kubectl.okWithInput("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"nowhere"},"spec":{"nodeSelector":{"no":"such"},
                     "containers":[{"name":"main","image":"busybox","command":["sleep","3600"]}]}}
                    """, "-n", ns, "create", "-f", "-");
            assertThat(kubectl.ok("-n", ns, "logs", "nowhere")).isEmpty();
            kubectl.ok("delete", "namespace", ns, "--wait=false");
        }
    }

    @Test
    void aFailingLivenessProbeRestartsTheContainer() {
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.okWithInput("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"unlively"},"spec":{"containers":[{"name":"c",
                     "image":"busybox","command":["sh","-c","sleep 3600"],
                     "livenessProbe":{"exec":{"command":["false"]},"periodSeconds":1,"failureThreshold":1}}]}}
                    """, "create", "-f", "-");
            await(() -> restarts(kubectl) >= 1);
            assertThat(kubectl.ok("get", "pod", "unlively")).containsPattern("unlively\\s+\\d/1\\s+\\S+\\s+[1-9]");
            assertThat(kubectl.run("logs", "unlively", "-c", "nope").err()).contains("container nope is not valid for pod unlively");
            kubectl.ok("delete", "pod", "unlively", "--grace-period=1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Kubectl.V133, Kubectl.V127})
    void theKubeletRecordsEventsAboutAPodsContainers(String binary) {
        try (Kubectl kubectl = new Kubectl(binary, server.kubeconfig())) {
            String ns = "ev" + Path.of(binary).getFileName().toString().replaceAll("\\D", "");
            kubectl.ok("create", "namespace", ns);
            // the token volume needs the namespace's root CA, else the pod's first events are FailedMount
            await(() -> kubectl.run("-n", ns, "get", "configmap", "kube-root-ca.crt").code() == 0);
            kubectl.okWithInput("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"sickly"},"spec":{"terminationGracePeriodSeconds":1,
                     "containers":[{"name":"c","image":"busybox","command":["sh","-c","sleep 3600"],
                     "livenessProbe":{"exec":{"command":["sh","-c",
                      "n=$(cat probes 2>/dev/null || echo 0); echo $((n+1)) > probes; echo not feeling well; [ $n -ge 3 ]"]},
                      "periodSeconds":1,"failureThreshold":3}}]}}
                    """, "-n", ns, "create", "-f", "-");
            // The first three probes fail (the container's directory keeps the count across restarts): one
            // kill, then a healthy container that deletion stops.
            String uid = kubectl.ok("-n", ns, "get", "pod", "sickly", "-o", "jsonpath={.metadata.uid}");
            await(() -> {
                List<Event> events = events(kubectl, ns, "sickly");
                return events.stream().anyMatch(e -> e.getReason().equals("Killing"))
                        && events.stream().anyMatch(e -> e.getReason().equals("Unhealthy") && e.getCount() > 1);
            });
            List<Event> events = events(kubectl, ns, "sickly");
            assertThat(events).extracting(Event::getReason).contains("Scheduled", "Created", "Started", "Unhealthy", "Killing")
                    .doesNotContain("Pulled", "Pulling"); // the process runtime pulls nothing
            assertThat(events).filteredOn(e -> e.getReason().equals("Scheduled")).singleElement()
                    .satisfies(e -> assertThat(e.getMessage()).isEqualTo("Successfully assigned " + ns + "/sickly to e2e-node"));
            List<Event> kubelet = events.stream().filter(e -> !e.getReason().equals("Scheduled")).toList();
            assertThat(kubelet).allSatisfy(e -> {
                assertThat(e.getSource().getComponent()).isEqualTo("kubelet");
                assertThat(e.getSource().getHost()).isEqualTo("e2e-node");
                assertThat(e.getReportingComponent()).isEqualTo("kubelet");
                assertThat(e.getReportingInstance()).isEqualTo("e2e-node");
                assertThat(e.getInvolvedObject().getUid()).isEqualTo(uid);
                assertThat(e.getInvolvedObject().getFieldPath()).isEqualTo("spec.containers{c}");
            });
            assertThat(kubelet).extracting(Event::getType, Event::getReason, Event::getMessage).contains(
                    tuple("Normal", "Created", "Created container: c"),
                    tuple("Normal", "Started", "Started container c"),
                    tuple("Warning", "Unhealthy", "Liveness probe failed: not feeling well\n"),
                    tuple("Normal", "Killing", "Container c failed liveness probe, will be restarted"));
            String described = kubectl.ok("-n", ns, "describe", "pod", "sickly");
            assertThat(described).containsPattern("Warning\\s+Unhealthy\\s+.*\\(x\\d+ over .*\\)\\s+kubelet.*Liveness probe failed: not feeling well")
                    .containsPattern("Normal\\s+Killing\\s+.*kubelet.*Container c failed liveness probe, will be restarted")
                    .containsPattern("Normal\\s+Scheduled\\s+.*Successfully assigned " + ns + "/sickly to e2e-node");
            // The restarted container passes its probes: its start raises the counts, and deletion stops it.
            await(() -> events(kubectl, ns, "sickly").stream()
                    .anyMatch(e -> e.getReason().equals("Started") && e.getCount() == 2));
            kubectl.ok("-n", ns, "delete", "pod", "sickly", "--grace-period=1");
            await(() -> events(kubectl, ns, "sickly").stream()
                    .anyMatch(e -> e.getReason().equals("Killing") && e.getMessage().equals("Stopping container c")));
        }
    }

    private static List<Event> events(Kubectl kubectl, String ns, String pod) {
        return Serialization.unmarshal(kubectl.ok("-n", ns, "get", "events", "--field-selector",
                "involvedObject.name=" + pod, "-o", "json"), EventList.class).getItems();
    }

    @Test
    void aPodPastItsActiveDeadlineFailsAndItsProcessesStop() throws IOException {
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.okWithInput("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"deadline"},"spec":{"activeDeadlineSeconds":3,
                     "terminationGracePeriodSeconds":1,"containers":[{"name":"c","image":"busybox",
                      "command":["sh","-c","echo $$ > pid; sleep 3600"]}]}}
                    """, "create", "-f", "-");
            await(() -> kubectl.ok("get", "pod", "deadline", "-o", "jsonpath={.status.phase}").equals("Running"));
            String uid = kubectl.ok("get", "pod", "deadline", "-o", "jsonpath={.metadata.uid}");
            Path pidFile = dataDir.resolve("pods").resolve(uid).resolve("c/pid");
            await(() -> Files.exists(pidFile));
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            // STATUS then shows the killed container's reason (Error), as kube's printer does
            await(() -> kubectl.ok("get", "pod", "deadline", "-o", "jsonpath={.status.phase} {.status.reason} "
                    + "{.status.containerStatuses[0].state.terminated.exitCode}").equals("Failed DeadlineExceeded 143"));
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(kubectl.ok("describe", "pod", "deadline"))
                    .containsPattern("Normal\\s+DeadlineExceeded\\s+.*Pod was active on the node longer than the specified deadline");
            kubectl.ok("delete", "pod", "deadline", "--wait=false");
        }
    }

    @Test
    void aReadinessGateHoldsReadyUntilItsConditionIsTrue() {
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.okWithInput("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"gated"},"spec":{"terminationGracePeriodSeconds":1,
                     "readinessGates":[{"conditionType":"example.com/lb"}],
                     "containers":[{"name":"c","image":"busybox","command":["sh","-c","sleep 3600"]}]}}
                    """, "create", "-f", "-");
            await(() -> kubectl.ok("get", "pod", "gated", "-o",
                    "jsonpath={.status.conditions[?(@.type==\"ContainersReady\")].status}").equals("True"));
            assertThat(kubectl.ok("get", "pod", "gated", "-o",
                    "jsonpath={.status.conditions[?(@.type==\"Ready\")].status} {.status.conditions[?(@.type==\"Ready\")].reason}"))
                    .isEqualTo("False ReadinessGatesNotReady");
            assertThat(kubectl.ok("get", "pod", "gated", "-o", "wide")).containsPattern("gated\\s+1/1\\s+Running.*0/1");
            // The gate's owner sets its condition; the kubelet keeps it and opens Ready.
            kubectl.ok("patch", "pod", "gated", "--subresource=status", "--type=json", "-p",
                    "[{\"op\":\"add\",\"path\":\"/status/conditions/-\",\"value\":{\"type\":\"example.com/lb\",\"status\":\"True\"}}]");
            await(() -> kubectl.ok("get", "pod", "gated", "-o",
                    "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}").equals("True"));
            assertThat(kubectl.ok("get", "pod", "gated", "-o", "wide")).containsPattern("gated\\s+1/1\\s+Running.*1/1");
            kubectl.ok("delete", "pod", "gated", "--wait=false");
        }
    }

    @Test
    void aFailedContainerFallsBackToItsLogForItsTerminationMessage() {
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.okWithInput("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"last-words"},"spec":{"restartPolicy":"Never",
                     "containers":[{"name":"c","image":"busybox","terminationMessagePolicy":"FallbackToLogsOnError",
                      "command":["sh","-c","echo starting; echo boom; exit 3"]}]}}
                    """, "create", "-f", "-");
            await(() -> kubectl.ok("get", "pod", "last-words", "-o", "jsonpath={.status.phase}").equals("Failed"));
            assertThat(kubectl.ok("get", "pod", "last-words", "-o",
                    "jsonpath={.status.containerStatuses[0].state.terminated.exitCode}:{.status.containerStatuses[0].state.terminated.message}"))
                    .isEqualTo("3:starting\nboom\n");
            kubectl.ok("delete", "pod", "last-words", "--wait=false");
        }
    }

    @Test
    void aHostNetworkPodHasTheNodesAddress() {
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.okWithInput("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"on-host"},"spec":{"hostNetwork":true,
                     "terminationGracePeriodSeconds":1,"containers":[{"name":"c","image":"busybox",
                      "command":["sh","-c","echo ip=$POD_IP; sleep 3600"],
                      "env":[{"name":"POD_IP","valueFrom":{"fieldRef":{"fieldPath":"status.podIP"}}}]}]}}
                    """, "create", "-f", "-");
            await(() -> kubectl.run("logs", "on-host").out().startsWith("ip="));
            String nodeIp = kubectl.ok("get", "node", "e2e-node", "-o", "jsonpath={.status.addresses[?(@.type==\"InternalIP\")].address}");
            assertThat(kubectl.ok("get", "pod", "on-host", "-o", "jsonpath={.status.podIP} {.status.hostIP}"))
                    .isEqualTo(nodeIp + " " + nodeIp);
            assertThat(kubectl.ok("logs", "on-host")).isEqualTo("ip=" + nodeIp + "\n");
            kubectl.ok("delete", "pod", "on-host", "--wait=false");
        }
    }

    @Test
    void aMissingConfigMapKeepsThePodCreatingUntilItExists() {
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.ok("create", "namespace", "missing");
            kubectl.okWithInput("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"mounts"},"spec":{"terminationGracePeriodSeconds":1,
                     "containers":[{"name":"c","image":"busybox","command":["sh","-c","cat cfg/greeting; echo; sleep 3600"],
                      "volumeMounts":[{"name":"cfg","mountPath":"cfg"}]}],
                     "volumes":[{"name":"cfg","configMap":{"name":"settings"}}]}}
                    """, "-n", "missing", "create", "-f", "-");
            kubectl.okWithInput("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"envs"},"spec":{"terminationGracePeriodSeconds":1,
                     "containers":[{"name":"c","image":"busybox","command":["sh","-c","echo $GREETING; sleep 3600"],
                      "env":[{"name":"GREETING","valueFrom":{"configMapKeyRef":{"name":"settings","key":"greeting"}}}]}]}}
                    """, "-n", "missing", "create", "-f", "-");
            await(() -> kubectl.ok("-n", "missing", "get", "pods").matches(
                    "(?s).*envs\\s+0/1\\s+CreateContainerConfigError.*mounts\\s+0/1\\s+ContainerCreating.*"));
            await(() -> kubectl.ok("-n", "missing", "describe", "pod", "mounts").contains(
                    "FailedMount  ") && kubectl.ok("-n", "missing", "describe", "pod", "mounts")
                    .contains("MountVolume.SetUp failed for volume \"cfg\" : configmap \"settings\" not found"));
            await(() -> kubectl.ok("-n", "missing", "describe", "pod", "envs")
                    .contains("Error: configmap \"settings\" not found"));

            kubectl.ok("-n", "missing", "create", "configmap", "settings", "--from-literal=greeting=hello");
            await(() -> kubectl.run("-n", "missing", "logs", "mounts").out().equals("hello\n")
                    && kubectl.run("-n", "missing", "logs", "envs").out().equals("hello\n"));
            kubectl.ok("delete", "namespace", "missing", "--wait=false");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {Kubectl.V133, Kubectl.V127})
    void describeNodeShowsTheMachineAndTheKubeletsAndTheNodeControllersEvents(String binary) throws IOException {
        try (Kubectl kubectl = new Kubectl(binary, server.kubeconfig())) {
            await(() -> {
                String events = kubectl.run("describe", "node", "e2e-node").out(); // the node may not be registered yet
                return events.contains("RegisteredNode") && events.contains("NodeReady");
            });
            String described = kubectl.ok("describe", "node", "e2e-node");
            assertThat(described).containsPattern("Boot ID:\\s+" + Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim());
            assertThat(described.substring(described.indexOf("Events:")))
                    .containsPattern("Normal\\s+Starting\\s+.*kubelet.*Starting kubelet\\.")
                    .containsPattern("Normal\\s+NodeHasSufficientMemory\\s+.*kubelet.*Node e2e-node status is now: NodeHasSufficientMemory")
                    .containsPattern("Normal\\s+NodeReady\\s+.*kubelet.*Node e2e-node status is now: NodeReady")
                    .containsPattern("Normal\\s+RegisteredNode\\s+.*node-controller.*Node e2e-node event: Registered Node e2e-node in Controller");
        }
    }

    @Test
    void aStaticPodAppearsAsAMirrorPod() {
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            await(() -> kubectl.ok("get", "pods", "-n", "kube-system").contains("static-web-e2e-node"));
            await(() -> kubectl.ok("get", "pod", "-n", "kube-system", "static-web-e2e-node", "-o",
                    "jsonpath={.status.phase}").equals("Running"));
            assertThat(kubectl.ok("get", "pod", "-n", "kube-system", "static-web-e2e-node", "-o",
                    "jsonpath={.metadata.annotations.kubernetes\\.io/config\\.mirror} {.metadata.ownerReferences[0].kind}"))
                    .matches("[0-9a-f-]{36} Node");
            await(() -> kubectl.run("logs", "-n", "kube-system", "static-web-e2e-node").out().equals("static\n"));
        }
    }

    @Test
    void initContainersRunInOrderAndAPreStopHookRunsBeforeSigterm() throws IOException {
        Path shared = Files.createTempDirectory("k8j-kubelet-e2e-shared-");
        try (Kubectl kubectl = new Kubectl(Kubectl.V133, server.kubeconfig())) {
            kubectl.okWithInput("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"inits"},"spec":{
                     "volumes":[{"name":"shared","hostPath":{"path":"%s","type":"Directory"}}],
                     "initContainers":[
                      {"name":"one","image":"busybox","command":["sh","-c","sleep 2; echo one >> shared/order"],
                       "volumeMounts":[{"name":"shared","mountPath":"/shared"}]},
                      {"name":"two","image":"busybox","command":["sh","-c","echo two >> shared/order"],
                       "volumeMounts":[{"name":"shared","mountPath":"/shared"}]}],
                     "containers":[{"name":"app","image":"busybox","resources":{"limits":{"memory":"64Mi"}},
                      "env":[{"name":"MEMORY_LIMIT","valueFrom":{"resourceFieldRef":{"resource":"limits.memory","divisor":"1Mi"}}}],
                      "command":["sh","-c","trap 'echo sigterm >> shared/stop; exit 0' TERM; cat shared/order; echo $MEMORY_LIMIT; while true; do sleep 1; done"],
                      "volumeMounts":[{"name":"shared","mountPath":"/shared"}],
                      "lifecycle":{"preStop":{"exec":{"command":["sh","-c","echo prestop >> shared/stop"]}}}}]}}
                    """.formatted(shared), "create", "-f", "-");
            kubectl.okWithInput("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"init-fails"},"spec":{"restartPolicy":"Never",
                     "initContainers":[{"name":"fail","image":"busybox","command":["sh","-c","echo failing; exit 3"]}],
                     "containers":[{"name":"app","image":"busybox","command":["sh","-c","echo never"]}]}}
                    """, "create", "-f", "-");
            await(() -> kubectl.ok("get", "pod", "inits").contains("Init:0/2"));
            assertThat(kubectl.ok("get", "pod", "inits", "-o", "jsonpath={.status.phase} {.status.conditions[?(@.type==\"Initialized\")].message}"))
                    .isEqualTo("Pending containers with incomplete status: [one two]");
            await(() -> kubectl.ok("get", "pod", "inits").matches("(?s).*inits\\s+1/1\\s+Running\\s+0.*"));
            assertThat(kubectl.ok("get", "pod", "inits", "-o",
                    "jsonpath={.status.initContainerStatuses[*].state.terminated.reason} {.status.initContainerStatuses[*].ready}"))
                    .isEqualTo("Completed Completed true true");
            await(() -> kubectl.run("logs", "inits").out().equals("one\ntwo\n64\n"));
            kubectl.ok("delete", "pod", "inits", "--grace-period=10");
            await(() -> kubectl.ok("get", "pod", "init-fails").matches("(?s).*init-fails\\s+0/1\\s+Init:Error\\s+0.*"));
            assertThat(kubectl.ok("get", "pod", "init-fails", "-o",
                    "jsonpath={.status.phase} {.status.initContainerStatuses[0].state.terminated.exitCode}")).isEqualTo("Failed 3");
            assertThat(kubectl.ok("logs", "init-fails", "-c", "fail")).isEqualTo("failing\n");
            kubectl.ok("delete", "pod", "init-fails", "--grace-period=1");
            assertThat(Files.readString(shared.resolve("stop"))).isEqualTo("prestop\nsigterm\n");
        } finally {
            K8jServer.deleteTree(shared);
        }
    }

    private static int restarts(Kubectl kubectl) {
        String n = kubectl.ok("get", "pod", "unlively", "-o", "jsonpath={.status.containerStatuses[0].restartCount}");
        return n.isEmpty() ? 0 : Integer.parseInt(n);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

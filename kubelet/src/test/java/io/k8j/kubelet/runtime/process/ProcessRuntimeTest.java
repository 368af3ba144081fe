package io.k8j.kubelet.runtime.process;

import io.k8j.kubelet.runtime.ContainerConfig;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.CriLog;
import io.k8j.kubelet.runtime.ExecResult;
import io.k8j.kubelet.runtime.SandboxConfig;
import io.k8j.kubelet.runtime.StreamIo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProcessRuntimeTest {
    @TempDir
    Path dir;
    private ProcessRuntime runtime;

    /** Closing leaves containers running: the test stops them first. */
    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.listPodSandboxes().forEach(s -> runtime.removePodSandbox(s.id()));
            runtime.close();
        }
    }

    private String sandbox() {
        runtime = ProcessRuntime.inDataDir(dir, 200, Clock.systemUTC());
        return runtime.runPodSandbox(new SandboxConfig("p", "default", "uid-1", 0, "p", Map.of(), dir.resolve("logs")));
    }

    private static ContainerConfig container(String script) {
        return new ContainerConfig("c", 0, "busybox", List.of("sh", "-c"), List.of(script), Map.of("GREETING", "hello"),
                null, List.of(), Path.of("c/0.log"), Map.of(), ContainerConfig.Stdio.NONE);
    }

    @Test
    void runsTheCommandWithItsEnvAndCapturesOutputInTheCriFormat() throws Exception {
        String sandbox = sandbox();
        String id = runtime.createContainer(sandbox, null, container("echo $GREETING; echo oops >&2; echo $POD_IP > ip; sleep 30"));
        runtime.startContainer(id);
        assertThat(runtime.containerStatus(id).orElseThrow().state()).isEqualTo(ContainerState.RUNNING);
        Path log = dir.resolve("logs/c/0.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(log) && Files.readString(log).lines().count() == 2);
        List<CriLog.Record> records = Files.readAllLines(log).stream().map(CriLog::parse).toList();
        assertThat(records).extracting(CriLog.Record::stream, CriLog.Record::content)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("stdout", "hello"),
                        org.assertj.core.groups.Tuple.tuple("stderr", "oops"));
        assertThat(Files.readAllLines(log).get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z std(out|err) F .*");
        Path ipFile = dir.resolve("pods/uid-1/c/ip");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(ipFile) && !Files.readString(ipFile).isBlank());
        assertThat(Files.readString(ipFile).trim()).isEqualTo(runtime.podSandboxStatus(sandbox).orElseThrow().ip())
                .startsWith("127.200.");
    }

    @Test
    void stopEndsTheWholeTreeAndRecordsTheExit() throws Exception {
        String sandbox = sandbox();
        String id = runtime.createContainer(sandbox, null, container("echo $$ > pid; sleep 30 & sleep 30; wait"));
        runtime.startContainer(id);
        Path pidFile = dir.resolve("pods/uid-1/c/pid");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
        ProcessHandle root = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).orElseThrow();
        await().atMost(Duration.ofSeconds(5)).until(() -> root.descendants().count() == 2);
        List<ProcessHandle> tree = root.descendants().toList();
        runtime.stopContainer(id, Duration.ofSeconds(5));
        assertThat(root.isAlive()).isFalse();
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        ContainerStatus status = runtime.containerStatus(id).orElseThrow();
        assertThat(status.state()).isEqualTo(ContainerState.EXITED);
        assertThat(status.exitCode()).isEqualTo(143);
        assertThat(status.reason()).isEqualTo("Error");
    }

    @Test
    void aCommandThatExitsReportsItsCodeAndAMissingBinaryIsAStartError() {
        String sandbox = sandbox();
        String ok = runtime.createContainer(sandbox, null, container("exit 3"));
        runtime.startContainer(ok);
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.containerStatus(ok).orElseThrow().state() == ContainerState.EXITED);
        assertThat(runtime.containerStatus(ok).orElseThrow().exitCode()).isEqualTo(3);
        ContainerConfig missing = new ContainerConfig("m", 0, "x", List.of("/no/such/binary"), List.of(), Map.of(), null,
                List.of(), Path.of("m/0.log"), Map.of(), ContainerConfig.Stdio.NONE);
        String bad = runtime.createContainer(sandbox, null, missing);
        runtime.startContainer(bad);
        ContainerStatus status = runtime.containerStatus(bad).orElseThrow();
        assertThat(status.state()).isEqualTo(ContainerState.EXITED);
        assertThat(status.reason()).isEqualTo("StartError");
        assertThat(status.exitCode()).isEqualTo(128);
        assertThat(status.message()).isEqualTo("exec: \"/no/such/binary\": stat /no/such/binary: no such file or directory");
    }

    @Test
    void execRunsInTheContainersDirectoryWithItsEnv() {
        String sandbox = sandbox();
        String id = runtime.createContainer(sandbox, null, container("sleep 30"));
        runtime.startContainer(id);
        ExecResult r = runtime.execSync(id, List.of("sh", "-c", "echo $GREETING; pwd; exit 4"), Duration.ofSeconds(5));
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.stdout()).isEqualTo("hello\n" + dir.resolve("pods/uid-1/c") + "\n");
    }

    @Test
    void stoppingTheSandboxReleasesItsAddress() {
        String first = sandbox();
        String ip = runtime.podSandboxStatus(first).orElseThrow().ip();
        runtime.stopPodSandbox(first);
        assertThat(runtime.podSandboxStatus(first).orElseThrow().ready()).isFalse();
        String second = runtime.runPodSandbox(new SandboxConfig("q", "default", "uid-2", 0, "q", Map.of(), dir));
        assertThat(runtime.podSandboxStatus(second).orElseThrow().ip()).isEqualTo(ip);
    }

    @Test
    void aNewRuntimeAdoptsARunningContainerAndItsOutputKeepsFlowingIntoTheLog() throws Exception {
        String sandbox = sandbox();
        String ip = runtime.podSandboxStatus(sandbox).orElseThrow().ip();
        String id = runtime.createContainer(sandbox, null, container("echo $$ > pid; i=0; while true; do i=$((i+1)); echo line $i; sleep 0.2; done"));
        runtime.startContainer(id);
        Path log = dir.resolve("logs/c/0.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(log) && Files.readString(log).contains("line 2"));
        Instant startedAt = runtime.containerStatus(id).orElseThrow().startedAt();
        runtime.close(); // as a kubelet that stops or dies: the container runs on, its output goes to a file
        long pid = Long.parseLong(Files.readString(dir.resolve("pods/uid-1/c/pid")).trim());
        Thread.sleep(600);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

        runtime = ProcessRuntime.inDataDir(dir, 200, Clock.systemUTC());
        assertThat(runtime.podSandboxStatus(sandbox).orElseThrow().ip()).isEqualTo(ip);
        ContainerStatus adopted = runtime.containerStatus(id).orElseThrow();
        assertThat(adopted.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(adopted.startedAt()).isEqualTo(startedAt);
        await().atMost(Duration.ofSeconds(10)).until(() -> contents(log).size() >= 8);
        List<String> lines = contents(log);
        // every line once, in order: the new runtime carried on where the last one stopped copying
        assertThat(lines).isEqualTo(java.util.stream.IntStream.rangeClosed(1, lines.size()).mapToObj(i -> "line " + i).toList());
        String next = runtime.runPodSandbox(new SandboxConfig("q", "default", "uid-2", 0, "q", Map.of(), dir));
        assertThat(runtime.podSandboxStatus(next).orElseThrow().ip()).isNotEqualTo(ip);

        runtime.stopContainer(id, Duration.ofSeconds(5));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(runtime.containerStatus(id).orElseThrow().exitCode()).isEqualTo(143);
    }

    @Test
    void aContainerThatExitedWhileNoRuntimeRanIsReportedWithItsCodeAndTime() throws Exception {
        String sandbox = sandbox();
        String id = runtime.createContainer(sandbox, null, container("sleep 1; echo done; exit 5"));
        runtime.startContainer(id);
        runtime.close();
        Thread.sleep(2000);
        Instant closedAround = Instant.now();

        runtime = ProcessRuntime.inDataDir(dir, 200, Clock.systemUTC());
        ContainerStatus status = runtime.containerStatus(id).orElseThrow();
        assertThat(status.state()).isEqualTo(ContainerState.EXITED);
        assertThat(status.exitCode()).isEqualTo(5);
        assertThat(status.reason()).isEqualTo("Error");
        assertThat(status.finishedAt()).isBefore(closedAround);
        assertThat(contents(dir.resolve("logs/c/0.log"))).containsExactly("done");
    }

    @Test
    void aRecordedPidThatNowNamesAnotherProcessIsNotTakenForTheContainer() throws Exception {
        String sandbox = sandbox();
        String id = runtime.createContainer(sandbox, null, container("sleep 30"));
        runtime.startContainer(id);
        runtime.close();
        Path state = dir.resolve("agent/process/containers").resolve(id).resolve("container.json");
        long shim = Long.parseLong(Files.readString(state).replaceAll("(?s).*\"shimPid\":(\\d+).*", "$1"));
        // The pid of this test's JVM with another start time: what a reused pid looks like.
        Files.writeString(state, Files.readString(state).replaceAll("\"shimPid\":\\d+", "\"shimPid\":" + ProcessHandle.current().pid()));
        try {
            runtime = ProcessRuntime.inDataDir(dir, 200, Clock.systemUTC());
            ContainerStatus status = runtime.containerStatus(id).orElseThrow();
            assertThat(status.state()).isEqualTo(ContainerState.EXITED);
            assertThat(status.reason()).isEqualTo("ContainerStatusUnknown");
        } finally {
            ProcessHandle.of(shim).ifPresent(h -> {
                h.descendants().forEach(ProcessHandle::destroyForcibly);
                h.destroyForcibly();
            });
        }
    }

    @Test
    void stdinStaysOpenAcrossRuntimesAndStdinOnceClosesItAfterTheFirstSession() throws Exception {
        String sandbox = sandbox();
        ContainerConfig reader = new ContainerConfig("r", 0, "busybox", List.of("sh", "-c"),
                List.of("while read line; do echo got $line; done; echo eof"), Map.of(), null, List.of(),
                Path.of("r/0.log"), Map.of(), new ContainerConfig.Stdio(true, true, false));
        String id = runtime.createContainer(sandbox, null, reader);
        runtime.startContainer(id);
        Path log = dir.resolve("logs/r/0.log");
        runtime.close();

        runtime = ProcessRuntime.inDataDir(dir, 200, Clock.systemUTC());
        Thread attach = Thread.ofVirtual().start(() -> {
            try {
                runtime.attach(id, StreamIo.pipes(new ByteArrayInputStream("one\ntwo\n".getBytes()),
                        OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> contents(log).contains("eof"));
        assertThat(contents(log)).containsExactly("got one", "got two", "eof");
        attach.join(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> runtime.containerStatus(id).orElseThrow().state() == ContainerState.EXITED);
        assertThat(runtime.containerStatus(id).orElseThrow().exitCode()).isZero();
    }

    private static List<String> contents(Path log) throws Exception {
        return Files.exists(log) ? Files.readAllLines(log).stream().map(CriLog::parse).map(CriLog.Record::content).toList() : List.of();
    }
}

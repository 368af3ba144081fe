package io.k8j.kubelet.runtime.process;

import io.k8j.kubelet.runtime.ContainerConfig;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One container of the process runtime: a host process started from its argv, and what became of it. */
final class ProcessContainer {
    final String id;
    final String sandboxId;
    final ContainerConfig config;
    final Path workDir;
    final Path logPath;
    private final Map<String, String> env;
    private final Clock clock;
    private final Instant createdAt;
    private volatile ContainerState state = ContainerState.CREATED;
    private volatile Process process;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile int exitCode;
    private volatile String reason;
    private volatile String message;

    ProcessContainer(String id, String sandboxId, ContainerConfig config, Path workDir, Path logPath,
                     Map<String, String> env, Clock clock) {
        this.id = id;
        this.sandboxId = sandboxId;
        this.config = config;
        this.workDir = workDir;
        this.logPath = logPath;
        this.env = env;
        this.clock = clock;
        this.createdAt = clock.instant();
    }

    synchronized void start() {
        if (state != ContainerState.CREATED) {
            throw new IllegalStateException("container " + id + " is " + state + ", not CREATED");
        }
        List<String> argv = ProcessRuntime.argv(config);
        try {
            Files.createDirectories(logPath.getParent());
            Writer log = Files.newBufferedWriter(logPath, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(argv).directory(workDir.resolve(relative(config.workingDir())).toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close(); // no stdin: kubectl attach comes with the streaming seam
            startedAt = clock.instant();
            process = p;
            state = ContainerState.RUNNING;
            Thread out = LogPump.start(p.getInputStream(), "stdout", log, clock, "log-" + config.name() + "-out");
            Thread err = LogPump.start(p.getErrorStream(), "stderr", log, clock, "log-" + config.name() + "-err");
            p.onExit().thenRun(() -> exited(p.exitValue(), out, err, log));
        } catch (IOException e) {
            // containerd reports a failed start as an exited container with reason StartError and code 128.
            finish(128, "StartError", e.getMessage());
        }
    }

    private void exited(int code, Thread out, Thread err, Writer log) {
        try {
            // Descendants may hold the pipes open; the tail of output is bounded, the wait too.
            out.join(Duration.ofSeconds(1));
            err.join(Duration.ofSeconds(1));
            log.close();
        } catch (InterruptedException | IOException e) {
            Thread.currentThread().interrupt();
        }
        finish(code, code == 0 ? "Completed" : "Error", null);
    }

    private synchronized void finish(int code, String why, String detail) {
        exitCode = code;
        reason = why;
        message = detail;
        finishedAt = clock.instant();
        state = ContainerState.EXITED;
    }

    /** The running process, or null. */
    ProcessHandle handle() {
        Process p = process;
        return p != null && state == ContainerState.RUNNING ? p.toHandle() : null;
    }

    void awaitExit(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (state == ContainerState.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    Map<String, String> env() {
        return env;
    }

    static String relative(String path) {
        return path == null ? "" : path.replaceFirst("^/+", "");
    }

    ContainerStatus status(String imageRef) {
        return new ContainerStatus(id, sandboxId, config.name(), config.attempt(), state, createdAt, startedAt,
                finishedAt, exitCode, reason, message, config.image(), imageRef, logPath, config.labels());
    }
}

package io.k8j.kubelet.runtime.process;

import io.k8j.kubelet.runtime.ContainerConfig;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;

import io.k8j.kubelet.runtime.StreamIo;

import java.io.IOException;
import java.io.OutputStream;
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
import java.util.concurrent.CompletableFuture;

/**
 * One container of the process runtime: a host process started from its argv (under {@link ScriptPty} with
 * tty), and what became of it. Its output goes to the log and to attached clients; with stdin its stdin
 * stays open for them.
 */
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
    private volatile OutputStream stdin;
    private final OutputTee stdout = new OutputTee();
    private final OutputTee stderr = new OutputTee();
    private final CompletableFuture<Void> exit = new CompletableFuture<>();

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
        List<String> argv = config.stdio().tty() ? ScriptPty.wrap(ProcessRuntime.argv(config)) : ProcessRuntime.argv(config);
        try {
            Files.createDirectories(logPath.getParent());
            Writer log = Files.newBufferedWriter(logPath, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(argv).directory(workDir.resolve(relative(config.workingDir())).toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            if (config.stdio().stdin()) {
                stdin = p.getOutputStream();
            } else {
                p.getOutputStream().close();
            }
            startedAt = clock.instant();
            process = p;
            state = ContainerState.RUNNING;
            Thread out = LogPump.start(p.getInputStream(), "stdout", log, clock, stdout, "log-" + config.name() + "-out");
            Thread err = LogPump.start(p.getErrorStream(), "stderr", log, clock, stderr, "log-" + config.name() + "-err");
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
        exit.complete(null);
    }

    /**
     * Attach: the client hears the output from now on and, if the container keeps stdin, feeds it; returns
     * once the container has exited (its output drained) or the thread is interrupted.
     */
    void attach(StreamIo io) throws InterruptedException {
        Process p = process;
        if (p == null || state != ContainerState.RUNNING) {
            throw new IllegalStateException("container " + config.name() + " is not running");
        }
        OutputStream out = io.stdout() == null ? OutputStream.nullOutputStream() : io.stdout();
        OutputStream err = io.tty() ? out : io.stderr() == null ? OutputStream.nullOutputStream() : io.stderr();
        OutputStream in = stdin;
        Thread feeder = null;
        Thread resizer = null;
        // Listening before any input is fed: the answer to the client's first line must reach the client.
        try (AutoCloseable o = stdout.listen(out); AutoCloseable e = stderr.listen(err)) {
            // With stdinOnce the first session's end closes the container's stdin for good.
            feeder = io.stdin() != null && in != null
                    ? Thread.ofPlatform().daemon().start(() -> ProcessExec.copy(io.stdin(), in, config.stdio().stdinOnce()))
                    : null;
            resizer = io.tty() && io.resizes() != null ? ScriptPty.resizer(p.toHandle(), io.resizes()) : null;
            exit.get();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // removing a listener does not fail; the exit future does not either
        } finally {
            if (feeder != null) {
                feeder.interrupt();
            }
            if (resizer != null) {
                resizer.interrupt();
            }
        }
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

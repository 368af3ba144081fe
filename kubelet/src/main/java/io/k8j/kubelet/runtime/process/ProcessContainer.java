package io.k8j.kubelet.runtime.process;

import io.k8j.kubelet.runtime.ContainerConfig;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.StreamIo;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One container of the process runtime: a host process started from its argv (under {@link ScriptPty} with
 * tty) by its {@link Shim}, and what became of it. Everything needed to find it again is on disk, so a new
 * kubelet adopts it ({@link #adopt}): alive (the shim's pid with its recorded start time) means running; else
 * it has exited, with the code the shim recorded.
 */
final class ProcessContainer {
    private static final Duration MAIN_START_WAIT = Duration.ofSeconds(5);

    final String id;
    final String sandboxId;
    final ContainerConfig config;
    final Path workDir;
    final Path logPath;
    private final StateStore store;
    private final Shim shim;
    private final ContainerFiles files;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final CompletableFuture<Void> exit = new CompletableFuture<>();
    private volatile StateStore.Container record;
    private volatile ContainerState state = ContainerState.CREATED;
    private volatile Instant finishedAt;
    private volatile int exitCode;
    private volatile String reason;
    private volatile String message;
    private volatile ContainerOutput output;
    private volatile ContainerStdin stdin;

    private ProcessContainer(StateStore store, Shim shim, StateStore.Container record, Clock clock) {
        this.id = record.id();
        this.sandboxId = record.sandboxId();
        this.config = record.config();
        this.workDir = record.workDir();
        this.logPath = record.logPath();
        this.store = store;
        this.shim = shim;
        this.files = store.files(id);
        this.clock = clock;
        this.record = record;
    }

    static ProcessContainer create(StateStore store, Shim shim, StateStore.Container record, Clock clock) {
        store.save(record);
        return new ProcessContainer(store, shim, record, clock);
    }

    /** A container a previous kubelet made, as it is now: created, running (followed from here on) or exited. */
    static ProcessContainer adopt(StateStore store, Shim shim, StateStore.Container record, Clock clock) {
        ProcessContainer c = new ProcessContainer(store, shim, record, clock);
        if (record.startError() != null) {
            c.finish(128, "StartError", record.startError(), record.startedAt());
        } else if (record.startedAt() != null) {
            c.stdin = record.config().stdio().stdin() ? new ContainerStdin(c.files, record.shimPid()) : null;
            c.output = new ContainerOutput(c.files, c.logPath, clock);
            if (c.ended()) {
                c.output.drain();
                c.recordEnd();
            } else {
                c.follow();
            }
        }
        return c;
    }

    void start() {
        lock.lock();
        try {
            if (state != ContainerState.CREATED) {
                throw new IllegalStateException("container " + id + " is " + state + ", not CREATED");
            }
            List<String> argv = ProcessRuntime.argv(config);
            Path dir = workDir.resolve(relative(config.workingDir()));
            String problem = CommandLookup.problem(argv.get(0), dir, record.env().get("PATH"));
            if (problem != null) {
                startFailed(problem);
                return;
            }
            ProcessBuilder pb = new ProcessBuilder(shim.argv(files.dir(), config.stdio().stdin(),
                    config.stdio().tty() ? ScriptPty.wrap(argv) : argv)).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().clear();
            pb.environment().putAll(record.env());
            Files.createDirectories(files.dir());
            Process process = pb.start();
            long ticks = ProcStat.of(process.pid()).map(ProcStat::startTicks).orElse(-1L);
            record = record.started(clock.instant(), process.pid(), ticks, null);
            store.save(record);
            awaitMain();
            stdin = config.stdio().stdin() ? new ContainerStdin(files, process.pid()) : null;
            output = new ContainerOutput(files, logPath, clock);
            follow();
        } catch (IOException e) {
            startFailed(e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** containerd reports a failed start as an exited container with reason StartError and code 128. */
    private void startFailed(String why) {
        record = record.started(clock.instant(), 0, 0, why);
        store.save(record);
        finish(128, "StartError", why, record.startedAt());
    }

    /** Until the shim has started the command (its pid is known) or it already ended. */
    private void awaitMain() {
        long deadline = System.nanoTime() + MAIN_START_WAIT.toNanos();
        while (files.mainPid().isEmpty() && !ended() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void follow() {
        state = ContainerState.RUNNING;
        output.follow(config.name(), this::ended, this::recordEnd);
    }

    /** The shim recorded the exit, or is gone (killed, or the machine restarted) without doing so. */
    private boolean ended() {
        return Files.exists(files.exit()) || !ProcStat.BOOT_ID.equals(record.bootId())
                || !ProcStat.alive(record.shimPid(), record.shimStartTicks());
    }

    private void recordEnd() {
        Optional<Integer> code = files.exitCode();
        Instant at = files.finishedAt(clock.instant());
        if (code.isPresent()) {
            finish(code.get(), code.get() == 0 ? "Completed" : "Error", null, at);
        } else {
            finish(137, "ContainerStatusUnknown", "The container's process ended without its exit code being recorded", at);
        }
    }

    private void finish(int code, String why, String detail, Instant at) {
        exitCode = code;
        reason = why;
        message = detail;
        finishedAt = at;
        state = ContainerState.EXITED;
        exit.complete(null);
    }

    /** SIGTERM, then SIGKILL after {@code grace}, to every process of the container; returns once it has exited. */
    void stop(Duration grace) throws InterruptedException {
        if (state != ContainerState.RUNNING) {
            return;
        }
        Optional<ProcessHandle> shim = shimProcess();
        shim.ifPresent(s -> ProcessTree.stopContainer(s, grace));
        awaitExit(Duration.ofSeconds(3)); // the shim records the code, then the output is drained
        if (state == ContainerState.RUNNING && shim.isPresent()) {
            shim.get().destroyForcibly(); // a shim that could not finish: the exit code stays unknown
            awaitExit(Duration.ofSeconds(1));
        }
    }

    /** The shim, while it runs; its handle carries its start time, so no later process with its pid is signalled. */
    private Optional<ProcessHandle> shimProcess() {
        return ended() ? Optional.empty() : ProcessHandle.of(record.shimPid());
    }

    /**
     * Attach: the client hears the output from now on and, if the container keeps stdin, feeds it; returns
     * once the container has exited (its output drained) or the thread is interrupted.
     */
    void attach(StreamIo io) throws InterruptedException {
        ContainerOutput o = output;
        if (o == null || state != ContainerState.RUNNING) {
            throw new IllegalStateException("container " + config.name() + " is not running");
        }
        OutputStream out = io.stdout() == null ? OutputStream.nullOutputStream() : io.stdout();
        OutputStream err = io.tty() ? out : io.stderr() == null ? OutputStream.nullOutputStream() : io.stderr();
        Thread feeder = null;
        Thread resizer = null;
        // Listening before any input is fed: the answer to the client's first line must reach the client.
        try (AutoCloseable l1 = o.stdout.listen(out); AutoCloseable l2 = o.stderr.listen(err)) {
            OutputStream in = io.stdin() != null && stdin != null ? stdin.open(config.stdio().stdinOnce()) : null;
            // With stdinOnce the first session's end closes the container's stdin for good.
            feeder = in == null ? null : Thread.ofPlatform().daemon().start(() -> ProcessExec.copy(io.stdin(), in, true));
            Optional<ProcessHandle> main = files.mainPid().flatMap(ProcessHandle::of);
            resizer = io.tty() && io.resizes() != null && main.isPresent() ? ScriptPty.resizer(main.get(), io.resizes()) : null;
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

    boolean running() {
        return state == ContainerState.RUNNING;
    }

    void awaitExit(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (state == ContainerState.RUNNING && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** The kubelet lets go of the container; it runs on, and the next kubelet adopts it. */
    void detach() {
        if (output != null) {
            output.detach();
        }
        if (stdin != null) {
            stdin.detach();
        }
    }

    /** Forgets the container: its state directory goes (stop it first). */
    void remove() {
        store.deleteContainer(id);
    }

    Map<String, String> env() {
        return record.env();
    }

    static String relative(String path) {
        return path == null ? "" : path.replaceFirst("^/+", "");
    }

    ContainerStatus status(String imageRef) {
        StateStore.Container r = record;
        Instant startedAt = r.startError() == null ? r.startedAt() : null;
        return new ContainerStatus(id, sandboxId, config.name(), config.attempt(), state, r.createdAt(), startedAt,
                finishedAt, exitCode, reason, message, config.image(), imageRef, logPath, config.labels());
    }
}

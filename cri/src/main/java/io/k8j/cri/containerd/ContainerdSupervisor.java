package io.k8j.cri.containerd;

import io.k8j.cri.CriClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the node's own containerd as a child process (k3s's way): {@code containerd --config DATA_DIR/...},
 * its output appended to containerd.log, its pid in containerd.pid; restarted with back-off (1 s doubling to
 * 30 s, reset after a minute of running) whenever it exits; stopped with SIGTERM (SIGKILL after 10 s) when the
 * node stops. Containers outlive it: they run under their shims, and a restarted containerd finds them again.
 * A containerd left over from a node that was SIGKILLed (same config) is stopped before a new one starts.
 */
public final class ContainerdSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerdSupervisor.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration STABLE = Duration.ofMinutes(1);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final ContainerdLayout layout;
    private final Thread watcher;
    private volatile Process process;
    private volatile boolean stopping;

    private ContainerdSupervisor(ContainerdLayout layout) {
        this.layout = layout;
        this.process = spawn();
        this.watcher = Thread.ofPlatform().daemon().name("containerd-supervisor").start(this::watch);
    }

    /** Starts containerd with the config already written to the layout and waits until it serves the CRI. */
    public static ContainerdSupervisor start(ContainerdLayout layout, Duration readyTimeout) {
        stopLeftover(layout);
        ContainerdSupervisor s = new ContainerdSupervisor(layout);
        try {
            s.awaitReady(readyTimeout);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until the socket answers a CRI Version call. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(layout.socket())) {
                try (CriClient c = CriClient.connect(layout.endpoint(), Duration.ofSeconds(2))) {
                    return;
                } catch (RuntimeException e) {
                    last = e;
                }
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException("containerd did not serve the CRI at " + layout.endpoint() + " within "
                + timeout.toSeconds() + " s (see " + layout.log() + ")" + (last == null ? "" : ": " + last.getMessage()), last);
    }

    private Process spawn() {
        try {
            Files.createDirectories(layout.dir());
            Process p = new ProcessBuilder("containerd", "--config", layout.config().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(layout.log().toFile()))
                    .start();
            Files.writeString(layout.pidFile(), Long.toString(p.pid()));
            LOG.info("containerd started (pid {}), socket {}, log {}", p.pid(), layout.socket(), layout.log());
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start containerd: " + e.getMessage(), e);
        }
    }

    private void watch() {
        Duration backoff = Duration.ofSeconds(1);
        while (!stopping) {
            Instant started = Instant.now();
            int code;
            try {
                code = process.waitFor();
            } catch (InterruptedException e) {
                return;
            }
            if (stopping) {
                return;
            }
            if (Duration.between(started, Instant.now()).compareTo(STABLE) > 0) {
                backoff = Duration.ofSeconds(1);
            }
            LOG.warn("containerd exited with code {}; restarting in {} s (see {})", code, backoff.toSeconds(), layout.log());
            if (!sleep(backoff)) {
                return;
            }
            try {
                if (!stopping) {
                    process = spawn();
                }
            } catch (RuntimeException e) {
                LOG.warn("containerd: {}", e.getMessage());
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Stops a containerd that a previous run of this node left behind (its pid file, the same config). */
    static void stopLeftover(ContainerdLayout layout) {
        leftover(layout).ifPresent(h -> {
            LOG.info("stopping containerd {} left from a previous run", h.pid());
            terminate(h);
        });
    }

    static Optional<ProcessHandle> leftover(ContainerdLayout layout) {
        try {
            if (!Files.exists(layout.pidFile())) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(layout.pidFile()).trim());
            String config = layout.config().toString();
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().arguments().map(a -> java.util.Arrays.asList(a).contains(config)).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void terminate(ProcessHandle h) {
        h.destroy();
        try {
            h.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            h.destroyForcibly();
            h.onExit().join();
        }
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops containerd (not the containers: their shims keep them running). */
    @Override
    public void close() {
        stopping = true;
        watcher.interrupt();
        terminate(process.toHandle());
        try {
            Files.deleteIfExists(layout.pidFile());
        } catch (IOException e) {
            LOG.debug("containerd pid file: {}", e.toString());
        }
        LOG.info("containerd stopped");
    }
}

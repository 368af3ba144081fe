package io.k8j.kubelet.runtime.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * Follows a container's output files ({@link LogTail} for stdout and stderr, into one CRI log) on a virtual
 * thread, polling faster while output comes; when the process has ended it copies the rest, then reports the end,
 * so that the log is complete once the container shows as exited.
 */
final class ContainerOutput {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerOutput.class);
    private static final long MIN_POLL_MS = 10;
    private static final long MAX_POLL_MS = 100;

    final OutputTee stdout = new OutputTee();
    final OutputTee stderr = new OutputTee();
    private final CriLogWriter log;
    private final LogTail out;
    private final LogTail err;
    private volatile boolean detached;
    private Thread thread;

    ContainerOutput(ContainerFiles files, Path logPath, Clock clock) {
        this.log = new CriLogWriter(logPath, clock);
        this.out = new LogTail(files, "stdout", log, stdout);
        this.err = new LogTail(files, "stderr", log, stderr);
    }

    /** Copies output until {@code ended} says the process is gone, then the rest; then runs {@code onEnd}. */
    void follow(String name, BooleanSupplier ended, Runnable onEnd) {
        thread = Thread.ofVirtual().name("output-" + name).start(() -> {
            long poll = MIN_POLL_MS;
            try {
                while (!detached) {
                    boolean more = pumpBoth();
                    if (!more && ended.getAsBoolean()) {
                        drain();
                        onEnd.run();
                        return;
                    }
                    poll = more ? MIN_POLL_MS : Math.min(poll * 2, MAX_POLL_MS);
                    Thread.sleep(poll);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeFiles();
            }
        });
    }

    /** Copies everything left, the last lines even without a newline (the process has ended). */
    void drain() {
        try {
            out.finish();
            err.finish();
        } catch (IOException e) {
            LOG.warn("container output: {}", e.toString());
        }
        closeFiles();
    }

    /** Stops following, leaving the process running; the next kubelet carries on from the saved offsets. */
    void detach() {
        detached = true;
        if (thread != null) {
            try {
                thread.join(2 * MAX_POLL_MS + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean pumpBoth() {
        try {
            return out.pump() | err.pump();
        } catch (IOException e) {
            LOG.warn("container output: {}", e.toString()); // e.g. a full disk: try again on the next poll
            return false;
        }
    }

    private void closeFiles() {
        try {
            out.close();
            err.close();
            log.close();
        } catch (IOException e) {
            LOG.debug("closing container output: {}", e.toString());
        }
    }
}

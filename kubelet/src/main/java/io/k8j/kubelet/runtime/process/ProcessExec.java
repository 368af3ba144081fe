package io.k8j.kubelet.runtime.process;

import io.k8j.kubelet.runtime.ExecTimeoutException;
import io.k8j.kubelet.runtime.StreamIo;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exec in a process container: another host process with the container's environment and directory; with a
 * tty it runs under {@link ScriptPty}, whose output is the terminal's (stdout and stderr together).
 */
final class ProcessExec {
    private ProcessExec() {
    }

    static int run(List<String> command, Path dir, Map<String, String> env, StreamIo io, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(io.tty() ? ScriptPty.wrap(command) : command).directory(dir.toFile());
        AtomicLong written = new AtomicLong();
        OutputStream stdout = counted(io.stdout() == null ? OutputStream.nullOutputStream() : io.stdout(), written);
        OutputStream stderr = io.tty() ? stdout
                : counted(io.stderr() == null ? OutputStream.nullOutputStream() : io.stderr(), written);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            // As runc: an executable that cannot start is exit code 126/127 with the reason on stderr.
            write(stderr, e.getMessage() + "\n");
            return 127;
        }
        // Platform threads: blocking pipe I/O would pin virtual threads' carriers.
        Thread in = Thread.ofPlatform().daemon().start(() -> copy(io.stdin(), p.getOutputStream(), true));
        Thread out = Thread.ofPlatform().daemon().start(() -> copy(p.getInputStream(), stdout, false));
        Thread err = Thread.ofPlatform().daemon().start(() -> copy(p.getErrorStream(), stderr, false));
        Thread resizer = io.tty() && io.resizes() != null ? ScriptPty.resizer(p.toHandle(), io.resizes()) : null;
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.stop(p.toHandle(), Duration.ZERO);
                throw new ExecTimeoutException("command timed out after " + timeout);
            }
            awaitOutput(out, err, written);
            in.interrupt();
            if (resizer != null) {
                resizer.interrupt();
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            ProcessTree.stop(p.toHandle(), Duration.ZERO);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Waits until the command's output has all been passed on (a slow client makes that take a while after the
     * exit, and the exit status must come after it), as long as it keeps coming: a pipe that stays silent for
     * a second is held open by a child left running in the background, which the exec does not wait for.
     */
    private static void awaitOutput(Thread out, Thread err, AtomicLong written) throws InterruptedException {
        long seen = -1;
        while ((out.isAlive() || err.isAlive()) && written.get() != seen) {
            seen = written.get();
            (out.isAlive() ? out : err).join(Duration.ofSeconds(1));
        }
    }

    private static OutputStream counted(OutputStream to, AtomicLong written) {
        return new FilterOutputStream(to) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                written.addAndGet(len);
            }
        };
    }

    /** Flushes after every chunk: a process's stdin is buffered, and an interactive shell waits for each key. */
    static void copy(InputStream from, OutputStream to, boolean closeTo) {
        try {
            if (from != null) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = from.read(buf)) >= 0) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            }
            if (closeTo) {
                to.close();
            } else {
                to.flush();
            }
        } catch (IOException e) {
            // either side went away; the exit code still tells the result
        }
    }

    private static void write(OutputStream to, String text) {
        try {
            to.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

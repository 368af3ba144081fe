package io.k8j.kubelet.runtime.process;

import io.k8j.kubelet.runtime.TerminalSize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A pseudo-terminal without a native library: util-linux's {@code script -qfec CMD /dev/null} runs the
 * command on a new pty and copies between it and its own pipes (stdin in, the terminal's output to stdout,
 * stderr merged as a terminal shows it; -e passes on the exit code). Resizes are applied from outside with
 * {@code stty -F /dev/pts/N rows R cols C} on the pty the command holds, which delivers SIGWINCH to it.
 */
final class ScriptPty {
    private static final long FIND_PTY_MS = 3000;

    private ScriptPty() {
    }

    static List<String> wrap(List<String> argv) {
        StringBuilder command = new StringBuilder();
        for (String arg : argv) {
            command.append(command.isEmpty() ? "" : " ").append('\'').append(arg.replace("'", "'\\''")).append('\'');
        }
        return List.of("script", "-qfec", command.toString(), "/dev/null");
    }

    /** Applies each size the client sends to the pty under {@code script}, until the queue's reader is interrupted. */
    static Thread resizer(ProcessHandle script, BlockingQueue<TerminalSize> sizes) {
        return Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    TerminalSize size = sizes.take();
                    if (size.width() > 0 && size.height() > 0) {
                        ptyOf(script).ifPresent(pty -> stty(pty, size));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The terminal the command got: the stdin of one of script's descendants, once it has started. */
    private static Optional<Path> ptyOf(ProcessHandle script) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FIND_PTY_MS);
        while (System.nanoTime() < deadline && script.isAlive()) {
            try (Stream<ProcessHandle> children = script.descendants()) {
                Optional<Path> pty = children.map(p -> stdinOf(p.pid())).flatMap(Optional::stream).findFirst();
                if (pty.isPresent()) {
                    return pty;
                }
            }
            Thread.sleep(20);
        }
        return Optional.empty();
    }

    private static Optional<Path> stdinOf(long pid) {
        try {
            Path target = Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "fd", "0"));
            return target.startsWith("/dev/pts/") ? Optional.of(target) : Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static void stty(Path pty, TerminalSize size) {
        List<String> cmd = new ArrayList<>(List.of("stty", "-F", pty.toString(), "rows", String.valueOf(size.height()),
                "cols", String.valueOf(size.width())));
        try {
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no stty: the terminal keeps its size
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

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
 * {@code stty -F /dev/pts/N rows R cols C} on script's pty, which delivers SIGWINCH to the command.
 */
final class ScriptPty {
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

    /**
     * The terminal script made: its master (/dev/ptmx) fd's fdinfo names the slave ("tty-index: N"), so the
     * command's processes need not be searched. Script opens it first thing; until then (a busy machine may
     * take seconds to start it), retry for as long as script lives.
     */
    private static Optional<Path> ptyOf(ProcessHandle script) throws InterruptedException {
        Path fds = Path.of("/proc", String.valueOf(script.pid()), "fd");
        while (script.isAlive()) {
            try (Stream<Path> all = Files.list(fds)) {
                for (Path fd : (Iterable<Path>) all::iterator) {
                    if (isPtmx(fd)) {
                        Path info = fds.resolveSibling("fdinfo").resolve(fd.getFileName());
                        for (String line : Files.readAllLines(info)) {
                            if (line.startsWith("tty-index:")) {
                                return Optional.of(Path.of("/dev/pts", line.substring("tty-index:".length()).trim()));
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // the process is going away or /proc says nothing yet
            }
            Thread.sleep(20);
        }
        return Optional.empty();
    }

    private static boolean isPtmx(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString().equals("/dev/ptmx");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
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

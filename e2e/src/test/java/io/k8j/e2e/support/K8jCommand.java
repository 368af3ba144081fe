package io.k8j.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the {@code k8j} command from the built jar (or of another launcher, such as the {@code ./k8j}
 * wrapper) that is expected to end by itself: its exit code and what it printed. A run that does not end
 * within the timeout is killed by its pid and fails the test.
 */
public record K8jCommand(int exitCode, String stdout, String stderr) {
    private static final long TIMEOUT_SECONDS = 120;

    /** {@code java -jar k8j.jar ARGS}, as K8jServer starts it. */
    public static K8jCommand run(String... args) {
        List<String> cmd = new ArrayList<>(List.of(K8jServer.javaBin(), "-jar", K8jServer.jar().toString()));
        cmd.addAll(Arrays.asList(args));
        return exec(cmd);
    }

    /** Runs {@code cmd} to its end; stdout and stderr go through files, so neither can fill a pipe. */
    public static K8jCommand exec(List<String> cmd) {
        try {
            Path out = Files.createTempFile("k8j-cmd-", ".out");
            Path err = Files.createTempFile("k8j-cmd-", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError(cmd + " did not end within " + TIMEOUT_SECONDS + " s; stderr:\n"
                            + Files.readString(err, StandardCharsets.UTF_8));
                }
                return new K8jCommand(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** stderr's lines, for asserting that a failure is exactly one line. */
    public List<String> stderrLines() {
        return stderr.lines().toList();
    }
}

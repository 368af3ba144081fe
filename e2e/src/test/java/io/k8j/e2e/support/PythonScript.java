package io.k8j.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A script of src/test/python run by Debian's /usr/bin/python3, the interpreter python3-kubernetes
 * installs for (not the python3 first on PATH).
 */
public final class PythonScript {
    public static final String PYTHON = "/usr/bin/python3";

    /** How a run ended: {@code finished} is false when it was killed at its timeout. */
    public record Result(boolean finished, int exitCode, String output) {
    }

    private PythonScript() {
    }

    public static Result run(String script, Duration timeout, Map<String, String> env)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("python-", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(PYTHON, Path.of("src/test/python", script).toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly().waitFor();
            }
            return new Result(finished, finished ? p.exitValue() : -1, Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}

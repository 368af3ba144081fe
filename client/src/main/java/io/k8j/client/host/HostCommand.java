package io.k8j.client.host;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host command (iptables, ctr, ip, umount) to completion with a bound, capturing its output; node components share it. */
public final class HostCommand {
    private static final long TIMEOUT_SECONDS = 120;

    private HostCommand() {
    }

    /** What the command said (stdout and stderr together) and how it ended; -1 if it could not run or timed out. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    public static Result exec(List<String> cmd, String input) {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
        try {
            try (OutputStream in = p.getOutputStream()) {
                if (input != null) {
                    in.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, out + "(timed out)");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            p.destroyForcibly();
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Result(-1, "interrupted");
        }
    }

    public static boolean succeeds(List<String> cmd) {
        return exec(cmd, null).ok();
    }

    /** Runs the command and throws with its output when it fails. */
    public static String check(List<String> cmd, String input) {
        Result r = exec(cmd, input);
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + r.output().strip());
        }
        return r.output();
    }

    /** Whether {@code binary} is an executable in a directory of PATH. */
    public static boolean onPath(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }
}

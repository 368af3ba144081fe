package io.k8j.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs iptables and its restore/save tools to completion with a bound; a failure names the command and its output. */
final class HostCommand {
    private static final long TIMEOUT_SECONDS = 60;

    private HostCommand() {
    }

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    static Result exec(List<String> cmd, String input) {
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

    static String check(List<String> cmd, String input) {
        Result r = exec(cmd, input);
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + r.output().strip());
        }
        return r.output();
    }
}

package io.k8j.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a real kubectl binary against a server's admin kubeconfig, with a bounded run time. */
public final class Kubectl {
    public static final String V127 = "/usr/lib/google-cloud-sdk/bin/kubectl.1.27";
    public static final String V133 = "/usr/lib/google-cloud-sdk/bin/kubectl.1.33";
    /** The dispatcher on PATH, which picks a kubectl by the server's /version. */
    public static final String DISPATCHER = "/usr/bin/kubectl";

    private final String binary;
    private final Path kubeconfig;
    private final Path cacheDir;
    private final Map<String, String> env;

    public Kubectl(String binary, Path kubeconfig) {
        this(binary, kubeconfig, Map.of());
    }

    public Kubectl(String binary, Path kubeconfig, Map<String, String> env) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
        this.env = env;
        try {
            this.cacheDir = Files.createTempDirectory("kubectl-cache-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Kubectl withEnv(Map<String, String> extra) {
        Map<String, String> merged = new java.util.HashMap<>(env);
        merged.putAll(extra);
        return new Kubectl(binary, kubeconfig, merged);
    }

    public String binary() {
        return binary;
    }

    /** Runs kubectl with {@code args}; {@code stdin} may be null. */
    public Result run(String stdin, String... args) {
        List<String> cmd = new ArrayList<>(List.of(binary, "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", cacheDir.toString()));
        cmd.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("kubectl-out", ".txt");
            Path err = Files.createTempFile("kubectl-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            pb.environment().put("HOME", cacheDir.toString());
            Process p = pb.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err), String.join(" ", args));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Result run(String... args) {
        return run(null, args);
    }

    /** Runs and requires exit code 0; returns stdout. */
    public String ok(String... args) {
        Result r = run(args);
        r.requireSuccess();
        return r.out();
    }

    public String okWithInput(String stdin, String... args) {
        Result r = run(stdin, args);
        r.requireSuccess();
        return r.out();
    }

    public record Result(int code, String out, String err, String command) {
        public void requireSuccess() {
            if (code != 0) {
                throw new AssertionError("kubectl " + command + " exited " + code + "\nstdout:\n" + out + "\nstderr:\n" + err);
            }
        }
    }
}

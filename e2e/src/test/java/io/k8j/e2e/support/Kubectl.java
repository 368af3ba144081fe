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
import java.util.stream.Stream;

/**
 * Runs a real kubectl binary against a server's admin kubeconfig, with a bounded run time. Its
 * discovery cache lives in a private dir that {@link #close()} deletes.
 */
public final class Kubectl implements AutoCloseable {
    public static final String V127 = "/usr/lib/google-cloud-sdk/bin/kubectl.1.27";
    public static final String V129 = "/usr/lib/google-cloud-sdk/bin/kubectl.1.29";
    public static final String V133 = "/usr/lib/google-cloud-sdk/bin/kubectl.1.33";
    /** The dispatcher on PATH, which picks a kubectl by the server's /version. */
    public static final String DISPATCHER = "/usr/bin/kubectl";

    /** Every binary above, for {@code @MethodSource("io.k8j.e2e.support.Kubectl#all")}. */
    public static Stream<String> all() {
        return Stream.of(V127, V133, DISPATCHER);
    }

    private final String binary;
    private final Path kubeconfig;
    private final Path cacheDir;
    private final Map<String, String> env;

    public Kubectl(String binary, Path kubeconfig) {
        this(binary, kubeconfig, Map.of());
    }

    public Kubectl(String binary, Path kubeconfig, Map<String, String> env) {
        this(binary, kubeconfig, env, newCacheDir());
    }

    private Kubectl(String binary, Path kubeconfig, Map<String, String> env, Path cacheDir) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
        this.env = env;
        this.cacheDir = cacheDir;
    }

    private static Path newCacheDir() {
        try {
            return Files.createTempDirectory("kubectl-cache-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same kubectl (sharing its cache dir) with extra environment variables, e.g. KUBE_EDITOR. */
    public Kubectl withEnv(Map<String, String> extra) {
        Map<String, String> merged = new java.util.HashMap<>(env);
        merged.putAll(extra);
        return new Kubectl(binary, kubeconfig, merged, cacheDir);
    }

    /** The short name used in test display names, e.g. {@code kubectl.1.27}. */
    @Override
    public String toString() {
        return Path.of(binary).getFileName().toString();
    }

    @Override
    public void close() {
        K8jServer.deleteTree(cacheDir);
    }

    /** Starts kubectl without waiting, e.g. {@code get -w}; stop it with {@link Background#close()}. */
    public Background background(String... args) {
        try {
            Path out = Files.createTempFile("kubectl-bg", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command(args)).redirectOutput(out.toFile())
                    .redirectErrorStream(true);
            pb.environment().putAll(env);
            pb.environment().put("HOME", cacheDir.toString());
            Process p = pb.start();
            p.getOutputStream().close();
            return new Background(p, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(binary, "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", cacheDir.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public String binary() {
        return binary;
    }

    /** Runs kubectl with {@code args}, feeding it {@code stdin} (may be null). */
    public Result runWithInput(String stdin, String... args) {
        List<String> cmd = command(args);
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
        return runWithInput(null, args);
    }

    /** Runs and requires exit code 0; returns stdout. */
    public String ok(String... args) {
        Result r = run(args);
        r.requireSuccess();
        return r.out();
    }

    public String okWithInput(String stdin, String... args) {
        Result r = runWithInput(stdin, args);
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

    /** A kubectl running in the background; stdout and stderr go to one file. */
    public static final class Background implements AutoCloseable {
        private final Process process;
        private final Path output;

        Background(Process process, Path output) {
            this.process = process;
            this.output = output;
        }

        /** Everything printed so far. */
        public String output() {
            try {
                return Files.readString(output);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits at most {@code timeout} for the exit; returns the exit code, or -1 if still running. */
        public int awaitExit(java.time.Duration timeout) {
            try {
                return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** Kills this process (by its own handle) and deletes its output file. */
        @Override
        public void close() {
            process.destroyForcibly();
            awaitExit(java.time.Duration.ofSeconds(10));
            try {
                Files.deleteIfExists(output);
            } catch (IOException ignored) {
                // a temp file; nothing else to do
            }
        }
    }
}

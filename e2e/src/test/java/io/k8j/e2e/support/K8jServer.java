package io.k8j.e2e.support;

import io.k8j.cli.Main;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code k8j server} process started from the built jar on 127.0.0.1 with a fresh data dir,
 * stopped by its own pid. Its stderr goes to {@code server.log} in the data dir.
 */
public final class K8jServer implements AutoCloseable {
    private static final long READY_TIMEOUT_SECONDS = 60;
    public static final String CONTROL_PLANE_ONLY = "--disable-agent";

    private final Process process;
    private final Path dataDir;
    private final int port;
    private final boolean ownsDataDir;
    /** False for a server run in a network namespace: its owner cleans up there, never on the host. */
    private final boolean killallOnClose;

    private K8jServer(Process process, Path dataDir, int port, boolean ownsDataDir, boolean killallOnClose) {
        this.killallOnClose = killallOnClose;
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
        this.ownsDataDir = ownsDataDir;
    }

    /**
     * Starts a control plane on embedded SQLite without its node agent: the API, scheduler and controllers
     * under test, with nodes (if any) simulated by the test. Tests of the kubelet start one explicitly.
     */
    public static K8jServer start() {
        return start(null, List.of(CONTROL_PLANE_ONLY));
    }

    /**
     * Starts a server in {@code dataDir} (a new temp dir when null; reused for restarts) with extra flags,
     * e.g. {@code --datastore-endpoint http://127.0.0.1:2379}. Its kubelet runs the process runtime unless the
     * flags name one: the default would be containerd wherever it is installed.
     */
    public static K8jServer start(Path dataDir, List<String> extraArgs) {
        return start(List.of(), dataDir, extraArgs);
    }

    /**
     * As {@link #start(Path, List)}, run through {@code prefix} (e.g. {@code ip netns exec NAME}, which execs the JVM);
     * closing such a server only stops it.
     */
    public static K8jServer start(List<String> prefix, Path dataDir, List<String> extraArgs) {
        try {
            boolean owns = dataDir == null;
            Path dir = owns ? Files.createTempDirectory("k8j-e2e-") : dataDir;
            int port = freePort();
            List<String> cmd = new ArrayList<>(prefix);
            cmd.addAll(List.of(javaBin(), "--enable-native-access=ALL-UNNAMED",
                    "-Dorg.sqlite.tmpdir=" + dir, "-jar", jar().toString(), "server",
                    "--data-dir", dir.toString(), "--https-listen-port", Integer.toString(port)));
            if (!extraArgs.contains("--bind-address")) {
                cmd.addAll(List.of("--bind-address", "127.0.0.1"));
            }
            cmd.addAll(extraArgs);
            if (!extraArgs.contains("--container-runtime")) {
                cmd.addAll(List.of("--container-runtime", "process"));
            }
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            K8jServer server = new K8jServer(p, dir, port, owns, prefix.isEmpty());
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() throws IOException {
        Path log = dataDir.resolve("server.log");
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
                 var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                         java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    if (line.contains("k8j is ready")) {
                        ready.complete(true);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.complete(false);
        }, "k8j-server-log");
        pump.setDaemon(true);
        pump.start();
        try {
            if (!ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("k8j server exited before ready; log:\n" + Files.readString(log));
            }
        } catch (Exception e) {
            close();
            throw new IllegalStateException("k8j server did not become ready: " + e.getMessage()
                    + "\n" + (Files.exists(log) ? Files.readString(log) : ""), e);
        }
    }

    public Path kubeconfig() {
        return dataDir.resolve("kubeconfig");
    }

    public Path dataDir() {
        return dataDir;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "https://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL, for crash tests: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait; returns the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    /**
     * Stops the server, then every container its kubelet started: they outlive the server (a restart adopts
     * them), so the test's processes end only with {@code k8j killall}. Deletes a data dir it made.
     */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (killallOnClose) {
            killall(dataDir);
        }
        if (ownsDataDir) {
            deleteTree(dataDir);
        }
    }

    /** {@code k8j killall --data-dir DIR}, run in this JVM. */
    public static void killall(Path dataDir) {
        int code = new CommandLine(new Main()).execute("killall", "--data-dir", dataDir.toString());
        if (code != 0) {
            throw new IllegalStateException("k8j killall --data-dir " + dataDir + " exited with " + code);
        }
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code k8j ARGS} from the built jar (2 min at most); returns its output, failing when it fails. */
    public static String cli(String... args) {
        try {
            List<String> cmd = new ArrayList<>(List.of(javaBin(), "--enable-native-access=ALL-UNNAMED", "-jar", jar().toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("k8j " + String.join(" ", args) + " did not finish in 120 s");
            }
            String output = out.get(10, TimeUnit.SECONDS);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("k8j " + String.join(" ", args) + " exited " + p.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("k8j.jar", "../cli/target/k8j.jar")).toAbsolutePath().normalize();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("k8j jar not found at " + jar + " (run mvn package first)");
        }
        return jar;
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

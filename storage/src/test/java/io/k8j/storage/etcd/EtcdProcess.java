package io.k8j.storage.etcd;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throwaway etcd for tests: Debian's {@code /usr/bin/etcd} on 127.0.0.1 with free ports and a temporary
 * data dir, a single-member cluster or one member of an {@link EtcdCluster}. {@link #close()} kills it through
 * its own process handle (never by name, so other etcds on the machine are left alone) and deletes the data dir.
 *
 * <pre>{@code
 * EtcdProcess.assumeAvailable();
 * try (EtcdProcess etcd = new EtcdProcess()) {
 *     String url = etcd.start();  // e.g. http://127.0.0.1:41234
 * }
 * }</pre>
 */
public final class EtcdProcess implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/etcd");
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final String name;
    private final int clientPort;
    private final int peerPort;
    private String initialCluster;
    private Path dir;
    private Process process;
    private Thread shutdownHook;

    /** A single-member cluster. */
    public EtcdProcess() {
        this("k8j-test");
    }

    /** A member named {@code name}; {@link #join} makes it part of a bigger cluster before it starts. */
    EtcdProcess(String name) {
        this.name = name;
        try {
            this.clientPort = freePort();
            this.peerPort = freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.initialCluster = peer();
    }

    /** {@code name=peerURL} as etcd's --initial-cluster lists members. */
    String peer() {
        return name + "=http://127.0.0.1:" + peerPort;
    }

    void join(String initialCluster) {
        this.initialCluster = initialCluster;
    }

    /** Skips the calling test when etcd is not installed, but fails it on CI (CI=true), which must run it. */
    public static void assumeAvailable() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        String message = BINARY + " is missing; install it with: apt-get install etcd-server";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        assumeTrue(false, message);
    }

    /** Starts etcd and waits until it reports healthy; returns its client URL. */
    public String start() throws IOException, InterruptedException {
        launch();
        awaitHealthy();
        return clientUrl();
    }

    /**
     * Starts the process without waiting; a cluster member is healthy only once a quorum runs. Again after
     * {@link #stop()}, it restarts on its data dir and rejoins.
     */
    void launch() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("k8j-etcd-");
        }
        String peerUrl = "http://127.0.0.1:" + peerPort;
        process = new ProcessBuilder(List.of(BINARY.toString(), "--name", name, "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", clientUrl(), "--advertise-client-urls", clientUrl(),
                "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
                "--initial-cluster", initialCluster, "--logger", "zap", "--log-outputs", "stderr"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("etcd.log").toFile()))
                .start();
        // Should the test JVM die without running close(), do not leave etcd behind.
        Process started = process;
        shutdownHook = new Thread(started::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public String clientUrl() {
        return "http://127.0.0.1:" + clientPort;
    }

    /** The member's pid, while it runs. */
    public long pid() {
        return process.pid();
    }

    /** The tail of etcd's own log, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("etcd.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no etcd log: " + e.getMessage() + ")";
        }
    }

    /** Kills the process (by its own handle), keeping the data dir for a later {@link #launch()}. */
    void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
        if (dir != null) {
            deleteTree(dir);
            dir = null;
        }
    }

    /** Waits until this member reports healthy: it runs and its cluster has a leader. */
    void awaitHealthy() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(clientUrl() + "/health")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw failed("etcd exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"health\":\"true\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw failed("etcd not healthy after " + STARTUP);
    }

    private IllegalStateException failed(String why) {
        String tail = logTail();
        close();
        return new IllegalStateException(why + ":\n" + tail);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

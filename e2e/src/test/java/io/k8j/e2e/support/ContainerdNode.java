package io.k8j.e2e.support;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code k8j server} whose kubelet runs real containers on its own containerd, in a data dir of its own: the
 * test images (busybox, pause) written to DATA_DIR/agent/images by {@code k8j images build-test}, so the node
 * imports them at start, and docker.io's registry pointed at a closed port on 127.0.0.1 (containerd's hosts.toml)
 * so that a pull of a missing image fails on the machine instead of asking the internet. {@link #close()} stops
 * the server, then {@code k8j killall} removes the containers, mounts, bridge, guard chain and cgroups it left,
 * then the data dir.
 */
public final class ContainerdNode implements AutoCloseable {
    /** Where the test points docker.io: nothing listens on the discard port. */
    public static final String CLOSED_REGISTRY = "http://127.0.0.1:9";

    private final Path dataDir;
    private final List<String> args;
    private K8jServer server;

    private ContainerdNode(Path dataDir, List<String> args) {
        this.dataDir = dataDir;
        this.args = args;
    }

    /** Skips the calling test class unless containerd, runc and busybox-static are installed and we are root. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "the containerd runtime needs root");
        for (String binary : List.of("/usr/bin/containerd", "/usr/sbin/runc", "/bin/busybox", "/usr/lib/cni/bridge")) {
            Assumptions.assumeTrue(Files.isExecutable(Path.of(binary)), binary + " is not installed");
        }
    }

    public static ContainerdNode start(String nodeName) {
        try {
            Path dir = Files.createTempDirectory("k8j-cri-");
            prepareDataDir(dir);
            ContainerdNode node = new ContainerdNode(dir, List.of("--node-name", nodeName, "--kubelet-port", "0",
                    "--container-runtime", "containerd"));
            node.server = K8jServer.start(dir, node.args);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test images in DATA_DIR/agent/images, and docker.io pointed at {@link #CLOSED_REGISTRY}. */
    public static void prepareDataDir(Path dir) throws IOException {
        K8jServer.cli("images", "build-test", "--data-dir", dir.toString());
        Path hosts = dir.resolve("agent/etc/containerd/certs.d/docker.io/hosts.toml");
        Files.createDirectories(hosts.getParent());
        Files.writeString(hosts, "server = \"" + CLOSED_REGISTRY + "\"\n\n[host.\"" + CLOSED_REGISTRY + "\"]\n"
                + "  capabilities = [\"pull\", \"resolve\"]\n");
    }

    public K8jServer server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** SIGKILL of the server: no shutdown hook runs, containerd and the containers are left as they are. */
    public void kill() throws InterruptedException {
        server.kill();
    }

    /** Starts the server again on the same data dir, as after a crash or an upgrade. */
    public void restart() {
        server = K8jServer.start(dataDir, args);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        K8jServer.cli("killall", "--data-dir", dataDir.toString());
        K8jServer.deleteTree(dataDir);
    }

    /** Runs a host command (ip, iptables) and returns its output and exit code. */
    public static HostResult host(String... cmd) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(List.of(cmd))).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            return new HostResult(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record HostResult(int code, String out) {
    }
}

package io.k8j.e2e.support;

import io.k8j.cri.containerd.ContainerdLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code k8j server} with its own containerd inside a network namespace the test creates: its pod bridge,
 * iptables rules, routes and pods' traffic exist only there, so it neither meets nor changes what other k8j
 * nodes on the machine have (the host's k8j0, guard chain and proxy rules), whatever its --cluster-cidr. The
 * server enters only the network namespace ({@code nsenter --net}): {@code ip netns exec} would also mount a sysfs
 * without the cgroup mounts runc needs. kubectl reaches the API server on the namespace's loopback. Closing stops
 * the server, the runc shims its pods left (found by its containerd's socket), unmounts what is left mounted under
 * its data dir, deletes the namespace with everything in it, then the data dir; {@code k8j killall}, which acts
 * on the host, is never run.
 */
public final class NetnsServer implements AutoCloseable {
    private final String netns;
    private final Path dataDir;
    private final Path kubectlWrapper;
    private K8jServer server;

    private NetnsServer(String netns, Path dataDir, Path kubectlWrapper) {
        this.netns = netns;
        this.dataDir = dataDir;
        this.kubectlWrapper = kubectlWrapper;
    }

    public static NetnsServer start(String nodeName, List<String> flags) {
        String netns = "k8j-e2e-" + ProcessHandle.current().pid();
        check("ip", "netns", "add", netns);
        NetnsServer node = null;
        try {
            check("ip", "-n", netns, "link", "set", "lo", "up");
            Path dir = Files.createTempDirectory("k8j-netns-");
            Path wrapper = dir.resolve("kubectl-in-netns");
            Files.writeString(wrapper, "#!/bin/sh\nexec ip netns exec " + netns + " " + Kubectl.V133 + " \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
            node = new NetnsServer(netns, dir, wrapper);
            ContainerdNode.prepareDataDir(dir);
            List<String> args = new ArrayList<>(List.of("--node-name", nodeName, "--kubelet-port", "0",
                    "--container-runtime", "containerd"));
            args.addAll(flags);
            node.server = K8jServer.start(List.of("nsenter", "--net=/run/netns/" + netns), dir, args);
            return node;
        } catch (IOException | RuntimeException e) {
            if (node != null) {
                node.close();
            } else {
                ContainerdNode.host("ip", "netns", "delete", netns);
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    public K8jServer server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** kubectl 1.33 run inside the namespace, with the server's admin kubeconfig. */
    public Kubectl kubectl() {
        return new Kubectl(kubectlWrapper.toString(), server.kubeconfig());
    }

    /** A command run inside the namespace (ip, iptables); its output, failing when it fails. */
    public String exec(String... cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        full.addAll(List.of(cmd));
        return check(full.toArray(String[]::new));
    }

    private static String check(String... cmd) {
        ContainerdNode.HostResult r = ContainerdNode.host(cmd);
        if (r.code() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + r.out());
        }
        return r.out();
    }

    /** Mounts containerd left under {@code dir} (pods' rootfs, shm, network namespaces), deepest first. */
    private static void unmountUnder(Path dir) {
        String prefix = dir.toAbsolutePath().normalize() + "/";
        try {
            Files.readAllLines(Path.of("/proc/self/mounts")).stream().map(l -> l.split(" ")[1].replace("\\040", " "))
                    .filter(p -> p.startsWith(prefix)).sorted(java.util.Comparator.comparingInt(String::length).reversed())
                    .forEach(p -> ContainerdNode.host("umount", "-l", p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's log outlives its data dir, as target/netns-server.log, for a failed test to be read. */
    private void keepLog() {
        try {
            Path log = dataDir.resolve("server.log");
            if (Files.exists(log)) {
                Files.copy(log, Path.of("target", "netns-server.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // only a help for debugging
        }
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            String socket = new ContainerdLayout(dataDir).socket().toString();
            ProcessHandle.allProcesses().filter(h -> h.info().command().map(c -> c.endsWith("containerd-shim-runc-v2"))
                    .orElse(false) && h.info().arguments().map(a -> List.of(a).contains(socket)).orElse(false))
                    .forEach(shim -> {
                        shim.descendants().forEach(ProcessHandle::destroyForcibly);
                        shim.destroyForcibly();
                    });
            unmountUnder(dataDir);
            ContainerdNode.host("ip", "netns", "delete", netns);
            keepLog();
            K8jServer.deleteTree(dataDir);
        }
    }
}

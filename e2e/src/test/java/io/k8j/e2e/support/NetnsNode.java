package io.k8j.e2e.support;

import io.k8j.cri.containerd.ContainerdLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A k8j node with its own containerd inside a network namespace the test made ({@link Netns}): a {@code k8j
 * server} or a {@code k8j agent}. Its pod bridge, iptables rules, routes and pods' traffic exist only there, so it
 * neither meets nor changes what other k8j nodes on the machine have (the host's k8j0, guard chain and proxy
 * rules), whatever its --cluster-cidr. kubectl reaches a server's API on an address of its namespace. Closing
 * stops the process, its containerd if a stop cut short left it (found by its config file), the runc shims its
 * pods left (found by its containerd's socket), unmounts what is left mounted under its data dir, then deletes the
 * data dir; {@code k8j killall}, which acts on the host, is never run.
 */
public final class NetnsNode implements AutoCloseable {
    private final Netns netns;
    private final Path dataDir;
    private AutoCloseable process;
    private K8jServer server;

    private NetnsNode(Netns netns, Path dataDir) {
        this.netns = netns;
        this.dataDir = dataDir;
    }

    private static List<String> containerdFlags(String nodeName, List<String> flags) {
        List<String> args = new ArrayList<>(List.of("--node-name", nodeName, "--kubelet-port", "0",
                "--container-runtime", "containerd"));
        args.addAll(flags);
        return args;
    }

    public static NetnsNode server(Netns netns, String nodeName, List<String> flags) {
        NetnsNode node = prepare(netns);
        try {
            node.server = K8jServer.start(netns.enter(), node.dataDir, containerdFlags(nodeName, flags));
            node.process = node.server;
            return node;
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    /** {@code k8j agent} joining with {@code kubeconfig}; it runs until closed. */
    public static NetnsNode agent(Netns netns, String nodeName, Path kubeconfig, List<String> flags) {
        NetnsNode node = prepare(netns);
        List<String> args = new ArrayList<>(List.of("agent", "--kubeconfig", kubeconfig.toString(),
                "--data-dir", node.dataDir.toString()));
        args.addAll(containerdFlags(nodeName, flags));
        node.process = ComponentProcess.start(netns.enter(), args);
        return node;
    }

    private static NetnsNode prepare(Netns netns) {
        try {
            Path dir = Files.createTempDirectory("k8j-netns-");
            NetnsNode node = new NetnsNode(netns, dir);
            ContainerdNode.prepareDataDir(dir);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public K8jServer server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** What the server or agent has logged so far. */
    public String log() {
        try {
            return process instanceof ComponentProcess agent ? agent.log() : Files.readString(dataDir.resolve("server.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kubectl 1.33 run inside the namespace, with the server's admin kubeconfig. */
    public Kubectl kubectl() {
        try {
            Path wrapper = dataDir.resolve("kubectl-in-netns");
            Files.writeString(wrapper, "#!/bin/sh\nexec " + String.join(" ", netns.enter()) + " " + Kubectl.V133 + " \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
            return new Kubectl(wrapper.toString(), server.kubeconfig());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (process != null) {
                process.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            ContainerdLayout layout = new ContainerdLayout(dataDir);
            processes("containerd", layout.config().toString()).forEach(containerd -> {
                containerd.destroy();
                containerd.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> {
                    containerd.destroyForcibly();
                    return containerd;
                }).join();
            });
            processes("containerd-shim-runc-v2", layout.socket().toString()).forEach(shim -> {
                shim.descendants().forEach(ProcessHandle::destroyForcibly);
                shim.destroyForcibly();
            });
            unmountUnder(dataDir);
            keepLog();
            K8jServer.deleteTree(dataDir);
        }
    }

    /** The processes of {@code binary} that have {@code argument}: this node's alone. */
    private static List<ProcessHandle> processes(String binary, String argument) {
        return ProcessHandle.allProcesses().filter(h -> h.info().command().map(c -> c.endsWith("/" + binary)).orElse(false)
                && h.info().arguments().map(a -> List.of(a).contains(argument)).orElse(false)).toList();
    }

    /** Mounts containerd left under {@code dir} (pods' rootfs, shm, network namespaces), deepest first. */
    private static void unmountUnder(Path dir) {
        String prefix = dir.toAbsolutePath().normalize() + "/";
        try {
            Files.readAllLines(Path.of("/proc/self/mounts")).stream().map(l -> l.split(" ")[1].replace("\\040", " "))
                    .filter(p -> p.startsWith(prefix)).sorted(Comparator.comparingInt(String::length).reversed())
                    .forEach(p -> ContainerdNode.host("umount", "-l", p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server's log outlives its data dir, as target/netns-NAMESPACE.log, for a failed test to be read. */
    private void keepLog() {
        try {
            Path log = dataDir.resolve("server.log");
            if (Files.exists(log)) {
                Files.copy(log, Path.of("target", "netns-" + netns.name() + ".log"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // only a help for debugging
        }
    }
}

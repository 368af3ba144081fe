package io.k8j.cri;

import io.k8j.cri.containerd.ContainerdLayout;
import io.k8j.cri.containerd.ContainerdSupervisor;
import io.k8j.client.host.HostCommand;
import io.k8j.client.host.Mounts;
import io.k8j.cri.containerd.PodMasquerade;
import io.k8j.cri.containerd.PodNetworkConfig;
import io.k8j.cri.containerd.PodNetworkGuard;
import io.k8j.cri.v1.ListPodSandboxRequest;
import io.k8j.cri.v1.PodSandbox;
import io.k8j.cri.v1.RemovePodSandboxRequest;
import io.k8j.cri.v1.StopPodSandboxRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code k8j killall} (k3s-killall.sh's job): what a node leaves running on purpose when it stops, gone. Every
 * pod sandbox of the node's containerd is stopped and removed through the CRI (killing its containers and
 * releasing its network), with containerd started for the purpose if it is not running; then containerd stops,
 * shims it left (of sandboxes cut short) are killed, what it and the kubelet left mounted under the data dir is unmounted, and the pod bridge, the guard chain and the pods'
 * cgroups (kubepods) are removed. Images and the data dir stay.
 */
public final class NodeCleanup {
    private NodeCleanup() {
    }

    public static void run(Path dataDir, Consumer<String> say) throws IOException {
        ContainerdLayout layout = new ContainerdLayout(dataDir);
        if (!Files.isDirectory(layout.dir())) {
            return; // this node never ran containerd
        }
        if (Files.exists(layout.config())) {
            try (ContainerdSupervisor containerd = ContainerdSupervisor.start(layout, Duration.ofSeconds(60));
                 CriClient cri = CriClient.connect(layout.endpoint(), Duration.ofSeconds(30))) {
                List<PodSandbox> sandboxes = CriClient.call(() -> cri.runtime().listPodSandbox(
                        ListPodSandboxRequest.getDefaultInstance())).getItemsList();
                for (PodSandbox s : sandboxes) {
                    CriClient.call(() -> cri.runtime().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(s.getId()).build()));
                    CriClient.call(() -> cri.runtime().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(s.getId()).build()));
                }
                say.accept("removed " + sandboxes.size() + " pod sandboxes");
            }
        }
        say.accept("stopped " + stopShims(layout) + " shims left without a sandbox");
        int unmounted = Mounts.unmountUnder(layout.dir());
        say.accept("unmounted " + unmounted + " mounts under " + layout.dir());
        Path pods = dataDir.resolve("pods");
        say.accept("unmounted " + Mounts.unmountUnder(pods) + " mounts under " + pods); // emptyDir medium: Memory
        if (HostCommand.succeeds(List.of("ip", "link", "del", PodNetworkConfig.DEFAULT_BRIDGE))) {
            say.accept("removed the pod bridge " + PodNetworkConfig.DEFAULT_BRIDGE);
        }
        PodNetworkGuard.remove();
        say.accept("removed the iptables chain " + PodNetworkGuard.CHAIN);
        PodMasquerade.remove();
        say.accept("removed the iptables chain " + PodMasquerade.CHAIN);
        say.accept("removed " + removeCgroups() + " pod cgroups");
    }

    /**
     * Kills the runc shims started by this node's containerd (their -address is its socket) that are still there:
     * a sandbox whose creation was cut short by a stop is a task the CRI never listed. Their processes go first.
     */
    static int stopShims(ContainerdLayout layout) {
        String socket = layout.socket().toString();
        List<ProcessHandle> shims = ProcessHandle.allProcesses().filter(h -> h.info().command()
                .map(c -> c.endsWith("containerd-shim-runc-v2")).orElse(false)
                && h.info().arguments().map(a -> List.of(a).contains(socket)).orElse(false)).toList();
        for (ProcessHandle shim : shims) {
            shim.descendants().forEach(ProcessHandle::destroyForcibly);
            shim.destroyForcibly();
        }
        return shims.size();
    }

    /** The empty kubepods cgroup trees the pods' containers left in every cgroup v1 hierarchy (or the v2 one). */
    static int removeCgroups() throws IOException {
        int n = 0;
        Path root = Path.of("/sys/fs/cgroup");
        List<Path> trees = new ArrayList<>();
        if (Files.isDirectory(root.resolve("kubepods"))) {
            trees.add(root.resolve("kubepods"));
        }
        try (Stream<Path> hierarchies = Files.list(root)) {
            hierarchies.map(h -> h.resolve("kubepods")).filter(Files::isDirectory).forEach(trees::add);
        }
        for (Path tree : trees) {
            List<Path> dirs;
            try (Stream<Path> walk = Files.walk(tree)) {
                dirs = walk.filter(Files::isDirectory).sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
            }
            for (Path d : dirs) {
                try {
                    Files.delete(d); // rmdir: only an empty cgroup goes
                    n++;
                } catch (IOException e) {
                    // still in use
                }
            }
        }
        return n;
    }
}

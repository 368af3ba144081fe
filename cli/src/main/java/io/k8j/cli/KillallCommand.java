package io.k8j.cli;

import io.k8j.cri.NodeCleanup;
import io.k8j.proxy.ServiceProxy;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.SandboxStatus;
import io.k8j.kubelet.runtime.process.ProcessRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code k8j killall}: containers outlive {@code k8j server} and {@code k8j agent} (a restart adopts them), so
 * stopping them is a command of its own, as k3s-killall.sh is: every container the node started from this data
 * dir is stopped, through the process runtime's records and through the node's containerd, and what containerd
 * pods leave on the host (pod network, cgroups, mounts) and the service proxy's rules are removed. Stop the
 * server or agent first: a running kubelet starts its pods again.
 */
@Command(name = "killall", mixinStandardHelpOptions = true,
        description = "Stop every container the kubelet of this data dir started, and remove what its pods left on the host (stop the node first).")
final class KillallCommand implements Callable<Integer> {
    @Option(names = {"--data-dir", "-d"}, description = "State directory (default: /var/lib/k8j as root, else ~/.k8j).")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
        Path dir = DataDirs.path(dataDir);
        stopProcessContainers(dir);
        NodeCleanup.run(dir, line -> System.out.println("k8j killall: " + line));
        // A node stopped by SIGKILL (or whose stop was cut short) leaves its service proxy's rules, as k3s-killall.sh
        // removes kube-proxy's.
        if (ServiceProxy.unavailable().isEmpty()) {
            ServiceProxy.cleanup();
            System.out.println("k8j killall: removed the service proxy's iptables rules");
        }
        return 0;
    }

    private static void stopProcessContainers(Path dir) {
        if (!Files.isDirectory(ProcessRuntime.stateDir(dir))) {
            return;
        }
        // The loopback block only matters for new sandboxes, and none are made here.
        try (ProcessRuntime runtime = ProcessRuntime.inDataDir(dir, 1, Clock.systemUTC())) {
            List<SandboxStatus> sandboxes = runtime.listPodSandboxes();
            long running = runtime.listContainers(null).stream().filter(ContainerStatus::running).count();
            sandboxes.forEach(s -> runtime.removePodSandbox(s.id()));
            System.out.printf("k8j killall: stopped %d running process-runtime containers and removed %d pod sandboxes in %s%n",
                    running, sandboxes.size(), dir);
        }
    }
}

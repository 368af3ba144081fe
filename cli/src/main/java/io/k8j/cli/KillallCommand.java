package io.k8j.cli;

import io.k8j.cri.NodeCleanup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code k8j killall}: stops what a stopped node leaves running on purpose (its containers outlive it, as in
 * k3s) and removes the pods' network and cgroups. Run it with the node (server or agent) stopped.
 */
@Command(name = "killall", mixinStandardHelpOptions = true,
        description = "Stop every container of this node's containerd and remove its pod network and cgroups (stop the node first).")
final class KillallCommand implements Callable<Integer> {
    @Option(names = {"--data-dir", "-d"}, description = "State directory (default: /var/lib/k8j as root, else ~/.k8j).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        NodeCleanup.run(DataDirs.resolve(dataDir), System.out::println);
        return 0;
    }
}

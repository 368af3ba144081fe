package io.k8j.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8j.kubelet.hollow.HollowNodes;
import io.k8j.kubelet.hollow.HollowNodesConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code k8j hollow-nodes}: N simulated kubelets in one process (kubemark's hollow nodes, KWOK's way of
 * sharing one watch among them) for scale tests of the control plane. Their pods run on the simulated
 * runtime; pods' volumes go to a temporary directory removed at exit.
 */
@Command(name = "hollow-nodes", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Run simulated nodes (kubelets with a simulated runtime) against an API server.")
final class HollowNodesCommand implements Callable<Integer> {
    @Option(names = "--kubeconfig", required = true, description = "Kubeconfig of the API server to join.")
    Path kubeconfig;

    @Spec
    CommandSpec spec;

    @Option(names = "--count", required = true, description = "How many nodes.")
    int count;

    @Option(names = "--name-prefix", defaultValue = "hollow-", description = "Node names are the prefix and 0..count-1 (default: ${DEFAULT-VALUE}).")
    String namePrefix;

    @Option(names = "--cpu", defaultValue = "4", description = "CPU capacity of each node (default: ${DEFAULT-VALUE}).")
    String cpu;

    @Option(names = "--memory", defaultValue = "16Gi", description = "Memory capacity of each node (default: ${DEFAULT-VALUE}).")
    String memory;

    @Option(names = "--pods", defaultValue = "110", description = "Pod capacity of each node (default: ${DEFAULT-VALUE}).")
    String pods;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--count': must be at least 1");
        }
        KubernetesClient client = StandaloneComponent.client(kubeconfig);
        KubernetesClient heartbeatClient = StandaloneComponent.heartbeatClient(kubeconfig, HollowNodesConfig.HEARTBEAT);
        Path dataDir = Files.createTempDirectory("k8j-hollow-");
        HollowNodes nodes = HollowNodes.start(client, heartbeatClient, new HollowNodesConfig(count, namePrefix,
                Map.of("cpu", cpu, "memory", memory, "pods", pods), HollowNodesConfig.HEARTBEAT,
                HollowNodesConfig.STATUS_REPORT), dataDir);
        StandaloneComponent.runUntilTerminated(() -> {
            nodes.close();
            heartbeatClient.close();
            client.close();
            deleteTree(dataDir);
        });
        return 0;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the OS cleans up what is left
        }
    }
}

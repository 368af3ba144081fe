package io.k8j.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code k8j-bench}: the API benchmark and its raw etcd baseline, the pod (scheduling, startup) and the node readiness benchmarks. See docs/benchmarks.md. */
@Command(name = "k8j-bench", mixinStandardHelpOptions = true, description = "k8j benchmarks.",
        subcommands = {ApiBench.class, EtcdRawBench.class, PodBench.class, NodesBench.class, ProxySyncBench.class,
                WebhookBench.class})
public final class BenchMain {
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }
}

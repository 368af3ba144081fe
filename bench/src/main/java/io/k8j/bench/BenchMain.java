package io.k8j.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code k8j-bench}: the API benchmark and its raw etcd baseline, and the pod (scheduling, startup) benchmark. See docs/benchmarks.md. */
@Command(name = "k8j-bench", mixinStandardHelpOptions = true, description = "k8j benchmarks.",
        subcommands = {ApiBench.class, EtcdRawBench.class, PodBench.class})
public final class BenchMain {
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }
}

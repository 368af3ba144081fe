package io.k8j.bench;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** The options both benchmarks share, so their runs are comparable flag for flag. */
final class CommonOptions {
    @Option(names = "--count", defaultValue = "2000", description = "Objects per phase (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--concurrency", defaultValue = "16", description = "Requests in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--payload-bytes", defaultValue = "1024", description = "Size of each ConfigMap's data (default: ${DEFAULT-VALUE}).")
    int payloadBytes;

    @Option(names = "--warmup", defaultValue = "200",
            description = "Unreported operations per phase first, so both JVMs have compiled the hot paths (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--namespace", defaultValue = "k8j-bench", description = "Namespace of the objects (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--server-pid", split = ",",
            description = "Processes under test (k8j server, etcd) whose CPU time per operation is reported.")
    List<Long> serverPids = List.of();

    @Option(names = "--label", description = "The target column of the report.")
    String label;

    @Option(names = "--no-header", description = "Print table rows only, to append to another run's table.")
    boolean noHeader;

    @Option(names = "--json", description = "Also write the results as JSON to this file.")
    Path json;
}

package io.k8j.bench;

import io.k8j.proxy.SyncBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code k8j-bench proxy-sync}: the service proxy's sync time for each Service count, as Markdown rows (root and
 * iptables needed; the rules go into a network namespace of the run's own, never the host's tables).
 */
@Command(name = "proxy-sync", mixinStandardHelpOptions = true, description = "Service proxy sync time (ruleset build + iptables-restore).")
final class ProxySyncBench implements Callable<Integer> {
    @Option(names = "--services", split = ",", defaultValue = "1000,10000", description = "Service counts (default: ${DEFAULT-VALUE}).")
    List<Integer> services;

    @Option(names = "--endpoints", defaultValue = "3", description = "Ready endpoints per Service (default: ${DEFAULT-VALUE}).")
    int endpoints;

    @Override
    public Integer call() {
        System.out.println("| Services | endpoints each | ruleset build | first iptables-restore (empty tables) | later sync (one endpoint changed) |");
        System.out.println("|---:|---:|---:|---:|---:|");
        for (int count : services) {
            SyncBenchmark.Result r = SyncBenchmark.run(count, endpoints);
            System.out.printf("| %,d | %d | %,d ms | %,d ms | %,d ms |%n", r.services(), r.endpointsPerService(),
                    r.buildMillis(), r.firstApplyMillis(), r.resyncMillis());
        }
        return 0;
    }
}

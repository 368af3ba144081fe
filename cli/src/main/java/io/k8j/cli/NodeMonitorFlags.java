package io.k8j.cli;

import io.k8j.controllers.nodelifecycle.NodeMonitorTimings;
import picocli.CommandLine.Option;

import java.time.Duration;

/** kube-controller-manager's node monitor flags, for {@code k8j server} and {@code k8j controller-manager}. */
final class NodeMonitorFlags {
    @Option(names = "--node-monitor-grace-period", defaultValue = "40s", converter = StandaloneFlags.GoDuration.class,
            description = "How long a node may go without a heartbeat before it is marked unhealthy (default: ${DEFAULT-VALUE}).")
    Duration gracePeriod;

    @Option(names = "--node-monitor-period", defaultValue = "5s", converter = StandaloneFlags.GoDuration.class,
            description = "How often node health is checked (default: ${DEFAULT-VALUE}).")
    Duration period;

    NodeMonitorTimings timings() {
        return new NodeMonitorTimings(gracePeriod, period);
    }
}

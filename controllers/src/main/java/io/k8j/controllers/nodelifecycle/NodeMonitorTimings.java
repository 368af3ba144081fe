package io.k8j.controllers.nodelifecycle;

import java.time.Duration;

/**
 * kube-controller-manager's node monitor timings.
 *
 * @param gracePeriod how long a node may go without a heartbeat (Lease renewal or Ready heartbeat) before
 *                    it is taken as unreachable (--node-monitor-grace-period)
 * @param period      how often every node's health is checked (--node-monitor-period)
 */
public record NodeMonitorTimings(Duration gracePeriod, Duration period) {
    /** kube's defaults since 1.29: 40 s grace, checked every 5 s. */
    public static NodeMonitorTimings defaults() {
        return new NodeMonitorTimings(Duration.ofSeconds(40), Duration.ofSeconds(5));
    }
}

package io.k8j.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * How a scheduler instance runs. Lease timings default to kube-scheduler's (15 s lease, 10 s renew
 * deadline, 2 s retry); tests shorten them.
 */
public record SchedulerOptions(String identity, Duration leaseDuration, Duration renewDeadline, Duration retryPeriod,
                               Duration initialBackoff, Duration maxBackoff, Clock clock) {
    public static final String LEASE_NAMESPACE = "kube-system";
    public static final String LEASE_NAME = "kube-scheduler";

    public static SchedulerOptions defaults() {
        return new SchedulerOptions(defaultIdentity(), Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofSeconds(10), Clock.systemUTC());
    }

    public SchedulerOptions withLease(Duration lease, Duration renew, Duration retry) {
        return new SchedulerOptions(identity, lease, renew, retry, initialBackoff, maxBackoff, clock);
    }

    /** host_uuid, like kube-scheduler's id, so two instances on one host differ. */
    private static String defaultIdentity() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + "_" + UUID.randomUUID();
    }
}

package io.k8j.scheduler;

import io.k8j.client.LeaderElection;
import io.k8j.client.LeaseTimings;

import java.time.Clock;
import java.time.Duration;

/** How a scheduler instance runs: its identity and lease timings, and the backoff of unschedulable pods. */
public record SchedulerOptions(String identity, LeaseTimings lease, Duration initialBackoff, Duration maxBackoff,
                               Clock clock) {
    public static final String LEASE_NAMESPACE = "kube-system";
    public static final String LEASE_NAME = "kube-scheduler";

    public static SchedulerOptions defaults() {
        return new SchedulerOptions(LeaderElection.defaultIdentity(), LeaseTimings.defaults(),
                Duration.ofSeconds(1), Duration.ofSeconds(10), Clock.systemUTC());
    }

    public SchedulerOptions withLease(LeaseTimings timings) {
        return new SchedulerOptions(identity, timings, initialBackoff, maxBackoff, clock);
    }
}

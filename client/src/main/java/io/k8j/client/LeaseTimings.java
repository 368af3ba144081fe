package io.k8j.client;

import java.time.Duration;

/**
 * Leader election timings, kube's defaults unless told otherwise: a 15 s lease, renewed within 10 s,
 * candidates retrying every 2 s. A killed leader is replaced within one lease duration.
 */
public record LeaseTimings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    public static LeaseTimings defaults() {
        return new LeaseTimings(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
    }
}

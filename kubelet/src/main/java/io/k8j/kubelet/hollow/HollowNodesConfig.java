package io.k8j.kubelet.hollow;

import java.time.Duration;
import java.util.Map;

/**
 * How to run hollow nodes.
 *
 * @param capacity cpu, memory and pods of every node (also its allocatable)
 * @param heartbeat how often each node renews its Lease (the kubelet's 10 s)
 * @param statusReport how often each node rewrites its whole status though nothing changed (the kubelet's
 *                     nodeStatusReportFrequency, 5 min); the Lease is the heartbeat in between
 */
public record HollowNodesConfig(int count, String namePrefix, Map<String, String> capacity, Duration heartbeat,
                                Duration statusReport) {
    public static final Duration HEARTBEAT = Duration.ofSeconds(10);
    public static final Duration STATUS_REPORT = Duration.ofMinutes(5);

    public String nodeName(int index) {
        return namePrefix + index;
    }

    /**
     * A host IP per node in 172.16.0.0/12, like the addresses of a real node network (never .0 of a /24 block
     * the way a plain counter would give).
     */
    static String hostIp(int index) {
        int n = index + 1;
        return "172." + (16 + n / (254 * 256)) + "." + (n / 254) % 256 + "." + (n % 254 + 1);
    }
}

package io.k8j.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * What a pod benchmark saw: scheduling throughput (all pods over the time from the first create to the
 * last pod seen bound; and the steady rate between the 10th and the 90th percentile of binds, without
 * the ramp-up and the tail; and from the first bind to the last, which on a backlog of pods created before
 * the scheduler started is the scheduler's own rate) and, per pod, the latency from sending its create to seeing it bound and to
 * seeing it Running (startup).
 */
record PodLatencies(int pods, int missing, double scheduledPerSecond, double bindSpanPerSecond, double steadyPerSecond,
                    long[] bindNanos,
                    long[] startupNanos, double allRunningSeconds) {

    static PodLatencies of(long[] created, long start, Map<String, Long> bound, Map<String, Long> running,
                           IntFunction<String> names) {
        int n = created.length;
        long[] binds = new long[n];
        long[] bindLatency = new long[n];
        long[] startup = new long[n];
        int b = 0;
        int r = 0;
        long lastRunning = start;
        for (int i = 0; i < n; i++) {
            Long at = bound.get(names.apply(i));
            if (at != null && created[i] != 0) {
                bindLatency[b] = at - created[i];
                binds[b++] = at;
            }
            Long ran = running.get(names.apply(i));
            if (ran != null && created[i] != 0) {
                startup[r++] = ran - created[i];
                lastRunning = Math.max(lastRunning, ran);
            }
        }
        binds = Arrays.copyOf(binds, b);
        bindLatency = Arrays.copyOf(bindLatency, b);
        Arrays.sort(bindLatency);
        startup = Arrays.copyOf(startup, r);
        Arrays.sort(binds);
        Arrays.sort(startup);
        double scheduled = b == 0 ? 0 : b / PodBench.seconds(binds[b - 1] - start);
        int lo = b / 10;
        int hi = b * 9 / 10;
        double span = b < 2 ? 0 : (b - 1) / PodBench.seconds(binds[b - 1] - binds[0]);
        double steady = hi - lo < 2 ? 0 : (hi - lo) / PodBench.seconds(binds[hi - 1] - binds[lo]);
        return new PodLatencies(n, n - r, scheduled, span, steady, bindLatency, startup, PodBench.seconds(lastRunning - start));
    }

    String markdownRow(String target, int creators, String paced, int errors, double createdPerSecond) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %s | %d | %.0f | %.0f | %.0f | %.0f | %s | %s | %s | %s | %s | %.1f |",
                target, pods, creators, paced, errors, createdPerSecond, scheduledPerSecond, bindSpanPerSecond,
                steadyPerSecond,
                millis(bindNanos, 0.99), millis(startupNanos, 0.50), millis(startupNanos, 0.90),
                millis(startupNanos, 0.99), millis(startupNanos, 1.0), allRunningSeconds);
    }

    /** The exact q-quantile (nearest rank) of sorted latencies, in milliseconds. */
    private static String millis(long[] sorted, double q) {
        if (sorted.length == 0) {
            return "-";
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return String.format(Locale.ROOT, "%.0f", sorted[Math.max(0, rank - 1)] / 1e6);
    }
}

package io.k8j.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one phase measured: how many operations finished in how long, how many failed, every operation's
 * latency (no histogram: a sorted array gives exact percentiles at these counts), and the CPU time the
 * client and the servers spent on the phase (-1 when not measured).
 */
record PhaseResult(String target, String phase, int ops, int errors, long nanos, long[] sortedLatencyNanos,
                   long clientCpuNanos, long serverCpuNanos) {

    static final String MARKDOWN_HEADER = """
            | target | phase | ops | errors | seconds | ops/s | p50 ms | p99 ms | max ms | client CPU ms/op | server CPU ms/op |
            |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|""";

    static PhaseResult of(String target, String phase, int errors, long nanos, long[] latencyNanos,
                          long clientCpuNanos, long serverCpuNanos) {
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        return new PhaseResult(target, phase, latencyNanos.length, errors, nanos, sorted, clientCpuNanos, serverCpuNanos);
    }

    double seconds() {
        return nanos / 1e9;
    }

    double opsPerSecond() {
        return nanos == 0 ? 0 : ops / seconds();
    }

    /** Nearest-rank percentile in milliseconds; 0 when nothing was measured. */
    double percentileMillis(double p) {
        if (sortedLatencyNanos.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sortedLatencyNanos.length);
        return sortedLatencyNanos[Math.max(0, rank - 1)] / 1e6;
    }

    /** CPU milliseconds per operation, or -1 when not measured. */
    double cpuMillisPerOp(long cpuNanos) {
        return cpuNanos < 0 || ops == 0 ? -1 : cpuNanos / 1e6 / ops;
    }

    String markdownRow() {
        return String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2f | %.0f | %.1f | %.1f | %.1f | %s | %s |", target, phase,
                ops, errors, seconds(), opsPerSecond(), percentileMillis(50), percentileMillis(99), percentileMillis(100),
                cpuCell(clientCpuNanos), cpuCell(serverCpuNanos));
    }

    private String cpuCell(long cpuNanos) {
        double perOp = cpuMillisPerOp(cpuNanos);
        return perOp < 0 ? "-" : String.format(Locale.ROOT, "%.2f", perOp);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target);
        m.put("phase", phase);
        m.put("ops", ops);
        m.put("errors", errors);
        m.put("seconds", seconds());
        m.put("opsPerSecond", opsPerSecond());
        m.put("p50Ms", percentileMillis(50));
        m.put("p99Ms", percentileMillis(99));
        m.put("maxMs", percentileMillis(100));
        m.put("clientCpuMsPerOp", cpuMillisPerOp(clientCpuNanos));
        m.put("serverCpuMsPerOp", cpuMillisPerOp(serverCpuNanos));
        return m;
    }
}

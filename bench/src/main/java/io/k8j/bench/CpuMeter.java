package io.k8j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time used by this process (the client) and by the processes under test (server, etcd), read from
 * /proc. On a shared machine, CPU per operation holds steadier than throughput, which neighbours' load
 * moves.
 */
final class CpuMeter {
    /** USER_HZ, the unit of /proc/PID/stat times: 100 on every mainstream Linux build. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final List<Long> serverPids;

    CpuMeter(List<Long> serverPids) {
        this.serverPids = List.copyOf(serverPids);
    }

    /** A reading of both clocks; server is -1 when no pid was given or /proc cannot be read. */
    record Reading(long clientNanos, long serverNanos) {
    }

    Reading read() {
        long client = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long server = serverPids.isEmpty() ? -1 : 0;
        for (long pid : serverPids) {
            long ticks = ticks(pid);
            if (ticks < 0) {
                server = -1;
                break;
            }
            server += ticks * NANOS_PER_TICK;
        }
        return new Reading(client, server);
    }

    /** utime + stime of {@code pid}, or -1 when unreadable (not Linux, or the process is gone). */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which may itself contain spaces and parentheses.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}

package io.k8j.kubelet.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What /proc/PID/stat says of a process: its state, session and start time (field 22, in clock ticks since
 * boot). A pid and its start time together name one process: a pid reused by another process has another
 * start time, so a state file's pid is only trusted when both match.
 */
record ProcStat(long pid, char state, long session, long startTicks) {
    /** This boot of the machine: start ticks count from boot, so a pid and start time mean nothing after a reboot. */
    static final String BOOT_ID = readBootId();

    static Optional<ProcStat> of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Optional.of(new ProcStat(pid, f[0].charAt(0), Long.parseLong(f[3]), Long.parseLong(f[19])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone, or not readable: not ours to signal
        }
    }

    /** True while the process that had {@code startTicks} runs (a zombie has ended). */
    static boolean alive(long pid, long startTicks) {
        return pid > 0 && of(pid).filter(s -> s.startTicks == startTicks && s.state != 'Z' && s.state != 'X').isPresent();
    }

    private static String readBootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Live processes of session {@code sid}: what setsid put in it and every descendant that did not leave it. */
    static Set<ProcessHandle> session(long sid) {
        return ProcessHandle.allProcesses()
                .filter(p -> of(p.pid()).filter(s -> s.session == sid && s.state != 'Z').isPresent())
                .collect(Collectors.toSet());
    }
}

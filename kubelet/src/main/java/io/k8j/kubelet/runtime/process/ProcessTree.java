package io.k8j.kubelet.runtime.process;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Ends a group of processes through their own {@link ProcessHandle}s (which check the start time, so a reused pid
 * is never signalled): SIGTERM to all, SIGKILL to those alive after the grace period; members that appear
 * meanwhile are added. A container's group is its session (see {@link Shim}) plus the shim's descendants (a
 * tty's command runs in the session {@code script} makes); a process that leaves both (setsid after a double
 * fork) escapes, as there are no cgroups to find it.
 */
final class ProcessTree {
    private static final long POLL_MS = 50;
    private static final int POLLS_PER_SNAPSHOT = 10;

    private ProcessTree() {
    }

    /** An exec'd command and its descendants. */
    static void stop(ProcessHandle root, Duration grace) {
        stop(() -> tree(root), grace);
    }

    /** A container's processes, but not its shim: that must live on to record the exit code. */
    static void stopContainer(ProcessHandle shim, Duration grace) {
        stop(() -> {
            Set<ProcessHandle> all = ProcStat.session(shim.pid());
            all.addAll(tree(shim));
            all.remove(shim);
            return all;
        }, grace);
    }

    /** Returns once every process seen has exited, at most about {@code grace} + 2 s. */
    private static void stop(Supplier<Set<ProcessHandle>> members, Duration grace) {
        Set<ProcessHandle> seen = new LinkedHashSet<>(members.get());
        seen.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (int i = 1; System.nanoTime() < deadline && anyAlive(seen) && !interrupted(); i++) {
            if (i % POLLS_PER_SNAPSHOT == 0) {
                members.get().stream().filter(seen::add).forEach(ProcessHandle::destroy);
            }
            sleep();
        }
        seen.addAll(members.get());
        seen.forEach(ProcessHandle::destroyForcibly);
        long killDeadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < killDeadline && anyAlive(seen) && !interrupted()) {
            sleep();
        }
    }

    private static Set<ProcessHandle> tree(ProcessHandle root) {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        if (root.isAlive()) {
            all.add(root);
        }
        try (Stream<ProcessHandle> descendants = root.descendants()) {
            descendants.filter(ProcessHandle::isAlive).forEach(all::add);
        }
        return all;
    }

    private static boolean anyAlive(Set<ProcessHandle> handles) {
        return handles.stream().anyMatch(ProcessHandle::isAlive);
    }

    /** An interrupted stop skips to SIGKILL and returns without waiting. */
    private static boolean interrupted() {
        return Thread.currentThread().isInterrupted();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.k8j.kubelet.runtime.process;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Ends a process and its descendants through their own {@link ProcessHandle}s: SIGTERM to all, SIGKILL to
 * those alive after the grace period. Without cgroups the tree is what the OS still links to the root:
 * a descendant that re-parents itself (a double fork) before it is seen escapes; see docs/architecture.md.
 */
final class ProcessTree {
    private static final long POLL_MS = 50;

    private ProcessTree() {
    }

    /** Returns once every process seen in the tree has exited, at most about {@code grace} + 2 s. */
    static void stop(ProcessHandle root, Duration grace) {
        Set<ProcessHandle> seen = snapshot(root);
        seen.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && anyAlive(seen)) {
            seen.addAll(snapshot(root));
            sleep();
        }
        seen.addAll(snapshot(root));
        seen.forEach(ProcessHandle::destroyForcibly);
        long killDeadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < killDeadline && anyAlive(seen)) {
            sleep();
        }
    }

    private static Set<ProcessHandle> snapshot(ProcessHandle root) {
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

    private static void sleep() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

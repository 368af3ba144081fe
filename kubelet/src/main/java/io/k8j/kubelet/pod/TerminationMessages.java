package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.LogReader;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * An exited container's termination message, as the kubelet's getContainerStatuses: what the container left in its
 * terminationMessagePath (the file the kubelet mounted there, its last 4096 bytes), else with terminationMessagePolicy
 * FallbackToLogsOnError and a failure the tail of its log (the last 80 lines, at most 2048 bytes); appended to the
 * runtime's own message. An exited container never changes, so this is read once, not on every sync of its pod
 * (a crash-looping container's last attempt stays until the next one).
 */
final class TerminationMessages {
    private static final int MAX_FILE_BYTES = 4096;
    private static final int MAX_LINES = 80;
    private static final int MAX_LOG_BYTES = 2048;
    private static final int REMEMBERED = 1024;

    /** The host file mounted at an exited container's terminationMessagePath; it may not exist. */
    private final Function<ContainerStatus, Path> files;
    /** The message found per exited container id, bounded so a long-running kubelet does not grow. */
    private final Map<String, String> found = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    });

    TerminationMessages(Function<ContainerStatus, Path> files) {
        this.files = files;
    }

    ContainerStatus withMessage(ContainerStatus c, Container spec) {
        if (spec == null || c.state() != ContainerState.EXITED) {
            return c;
        }
        String message = found.computeIfAbsent(c.id(), id -> read(c, spec));
        if (message.isEmpty()) {
            return c;
        }
        String joined = c.message() == null || c.message().isEmpty() ? message : c.message() + ": " + message;
        return new ContainerStatus(c.id(), c.sandboxId(), c.name(), c.attempt(), c.state(), c.createdAt(), c.startedAt(),
                c.finishedAt(), c.exitCode(), c.reason(), joined, c.image(), c.imageRef(), c.logPath(), c.labels());
    }

    /** kube's getTerminationMessage, then readLastStringFromContainerLogs when it asks for the logs; "" for none. */
    private String read(ContainerStatus c, Container spec) {
        boolean fallback = "FallbackToLogsOnError".equals(spec.getTerminationMessagePolicy()) && c.exitCode() != 0
                && !"StartError".equals(c.reason());
        String fromFile = "";
        String path = spec.getTerminationMessagePath();
        Path file = path == null || path.isEmpty() ? null : files.apply(c);
        if (file != null && Files.exists(file)) {
            try {
                fromFile = lastBytes(file);
            } catch (IOException e) {
                return "Error on reading termination log " + file + ": " + e.getMessage();
            }
        }
        return fromFile.isEmpty() && fallback && c.logPath() != null ? logTail(c) : fromFile;
    }

    /** At most the last 4096 bytes, as kube's tail.ReadAtMost. */
    private static String lastBytes(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, f.length() - MAX_FILE_BYTES);
            byte[] bytes = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The last 80 lines, cut to their first 2048 bytes, as kube's readLastStringFromContainerLogs; "" if unreadable. */
    private static String logTail(ContainerStatus c) {
        try {
            byte[] bytes = new LogReader(c.logPath(), false, MAX_LINES, null).initial().getBytes(StandardCharsets.UTF_8);
            return new String(Arrays.copyOf(bytes, Math.min(bytes.length, MAX_LOG_BYTES)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}

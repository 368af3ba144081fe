package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.LogReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * terminationMessagePolicy FallbackToLogsOnError, as the kubelet's getContainerStatuses: a container that
 * failed without a message of its own gets the tail of its log (the last 80 lines, at most 2048 bytes) as
 * its terminated state's message. An exited container never changes, so its log is read once, not on every
 * sync of its pod (a crash-looping container's last attempt stays until the next one).
 */
final class TerminationMessages {
    private static final int MAX_LINES = 80;
    private static final int MAX_BYTES = 2048;
    private static final int REMEMBERED = 1024;

    /** The message found per exited container id, bounded so a long-running kubelet does not grow. */
    private final Map<String, String> found = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    });

    ContainerStatus withFallback(ContainerStatus c, Container spec) {
        boolean fallback = spec != null && "FallbackToLogsOnError".equals(spec.getTerminationMessagePolicy());
        boolean failed = c.state() == ContainerState.EXITED && c.exitCode() != 0 && !"StartError".equals(c.reason());
        if (!fallback || !failed || (c.message() != null && !c.message().isEmpty()) || c.logPath() == null) {
            return c;
        }
        String message = found.computeIfAbsent(c.id(), id -> logTail(c));
        return message.isEmpty() ? c : new ContainerStatus(c.id(), c.sandboxId(), c.name(), c.attempt(), c.state(),
                c.createdAt(), c.startedAt(), c.finishedAt(), c.exitCode(), c.reason(), message, c.image(), c.imageRef(),
                c.logPath(), c.labels());
    }

    /** The last 80 lines, cut to their first 2048 bytes, as kube's readLastStringFromContainerLogs; "" if unreadable. */
    private static String logTail(ContainerStatus c) {
        try {
            byte[] bytes = new LogReader(c.logPath(), false, MAX_LINES, null).initial().getBytes(StandardCharsets.UTF_8);
            return new String(Arrays.copyOf(bytes, Math.min(bytes.length, MAX_BYTES)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}

package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.LogReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * terminationMessagePolicy FallbackToLogsOnError, as the kubelet's getContainerStatuses: a container that
 * failed without a message of its own gets the tail of its log (the last 80 lines, at most 2048 bytes) as
 * its terminated state's message.
 */
final class TerminationMessages {
    private static final int MAX_LINES = 80;
    private static final int MAX_BYTES = 2048;

    private TerminationMessages() {
    }

    static ContainerStatus withFallback(ContainerStatus c, Container spec) {
        boolean fallback = spec != null && "FallbackToLogsOnError".equals(spec.getTerminationMessagePolicy());
        boolean failed = c.state() == ContainerState.EXITED && c.exitCode() != 0 && !"StartError".equals(c.reason());
        if (!fallback || !failed || (c.message() != null && !c.message().isEmpty()) || c.logPath() == null) {
            return c;
        }
        String tail;
        try {
            tail = new LogReader(c.logPath(), false, MAX_LINES, null).initial();
        } catch (IOException e) {
            return c;
        }
        byte[] bytes = tail.getBytes(StandardCharsets.UTF_8);
        String message = bytes.length <= MAX_BYTES ? tail : new String(Arrays.copyOf(bytes, MAX_BYTES), StandardCharsets.UTF_8);
        return message.isEmpty() ? c : new ContainerStatus(c.id(), c.sandboxId(), c.name(), c.attempt(), c.state(),
                c.createdAt(), c.startedAt(), c.finishedAt(), c.exitCode(), c.reason(), message, c.image(), c.imageRef(),
                c.logPath(), c.labels());
    }
}

package io.k8j.kubelet.runtime;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * CRI ContainerStatus. {@code startedAt} and {@code finishedAt} are null until they happen; {@code exitCode}
 * and {@code reason} (e.g. "Completed", "Error", "StartError") mean something once EXITED.
 */
public record ContainerStatus(String id, String sandboxId, String name, int attempt, ContainerState state,
                              Instant createdAt, Instant startedAt, Instant finishedAt, int exitCode,
                              String reason, String message, String image, String imageRef, Path logPath,
                              Map<String, String> labels) {
    public boolean running() {
        return state == ContainerState.RUNNING;
    }
}

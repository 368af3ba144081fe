package io.k8j.cri;

import io.k8j.cri.v1.PodSandboxMetadata;
import io.k8j.kubelet.runtime.ContainerState;
import io.k8j.kubelet.runtime.ContainerStatus;
import io.k8j.kubelet.runtime.Image;
import io.k8j.kubelet.runtime.SandboxConfig;
import io.k8j.kubelet.runtime.SandboxStatus;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * CRI statuses as the SPI's records. A sandbox's config is what the runtime keeps of it (metadata, labels, and
 * the node IP of a hostNetwork sandbox from our annotation): enough for the kubelet to find its pod again after a
 * restart, which regenerates the rest from the pod.
 */
final class CriStatuses {
    private CriStatuses() {
    }

    static SandboxStatus sandbox(String id, PodSandboxMetadata m, boolean ready, Map<String, String> labels,
                                 Map<String, String> annotations, long createdAtNanos, String podIp) {
        String nodeIp = annotations.get(CriRequests.NODE_IP_ANNOTATION);
        SandboxConfig config = new SandboxConfig(m.getName(), m.getNamespace(), m.getUid(), m.getAttempt(), m.getName(),
                labels, null, nodeIp);
        return new SandboxStatus(id, config, ready, nodeIp != null ? nodeIp : podIp, instant(createdAtNanos));
    }

    static ContainerStatus container(io.k8j.cri.v1.ContainerStatus s, String sandboxId) {
        return new ContainerStatus(s.getId(), sandboxId, s.getMetadata().getName(), s.getMetadata().getAttempt(),
                state(s.getState()), instant(s.getCreatedAt()), instant(s.getStartedAt()), instant(s.getFinishedAt()),
                s.getExitCode(), empty(s.getReason()), empty(s.getMessage()), s.getImage().getImage(), s.getImageRef(),
                s.getLogPath().isEmpty() ? null : Path.of(s.getLogPath()), s.getLabelsMap());
    }

    static Image image(io.k8j.cri.v1.Image i) {
        return new Image(i.getId(), i.getRepoTagsList(), i.getRepoDigestsList(), i.getSize(),
                i.hasUid() ? i.getUid().getValue() : null, i.getUsername().isEmpty() ? null : i.getUsername());
    }

    static ContainerState state(io.k8j.cri.v1.ContainerState s) {
        return switch (s) {
            case CONTAINER_CREATED -> ContainerState.CREATED;
            case CONTAINER_RUNNING -> ContainerState.RUNNING;
            case CONTAINER_EXITED -> ContainerState.EXITED;
            default -> ContainerState.UNKNOWN;
        };
    }

    /** CRI times are nanoseconds since the epoch, 0 for "not yet". */
    static Instant instant(long nanos) {
        return nanos == 0 ? null : Instant.ofEpochSecond(0, nanos);
    }

    private static String empty(String s) {
        return s.isEmpty() ? null : s;
    }
}

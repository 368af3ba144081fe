package io.k8j.kubelet.runtime;

import java.time.Instant;

/** CRI PodSandboxStatus: READY while its network identity holds, NOTREADY once stopped. */
public record SandboxStatus(String id, SandboxConfig config, boolean ready, String ip, Instant createdAt) {
}

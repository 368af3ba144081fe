package io.k8j.kubelet.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * CRI PodSandboxConfig, trimmed to what the runtimes use: the pod's identity, labels and the directory
 * where its containers' logs go ({@code log_directory}).
 */
public record SandboxConfig(String name, String namespace, String uid, int attempt, String hostname,
                            Map<String, String> labels, Path logDirectory) {
}

package io.k8j.kubelet.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * CRI PodSandboxConfig, trimmed to what the runtimes use: the pod's identity, labels, the directory where its
 * containers' logs go ({@code log_directory}), and {@code nodeNetworkIp}: the node's IP when the pod shares the
 * node's network (hostNetwork, CRI's NamespaceMode NODE), so the sandbox gets no address of its own; else null.
 * {@code linux} holds what only an isolating runtime honours (namespaces, cgroup parent, ports, DNS, sysctls).
 */
public record SandboxConfig(String name, String namespace, String uid, int attempt, String hostname,
                            Map<String, String> labels, Path logDirectory, String nodeNetworkIp, SandboxLinux linux) {

    public SandboxConfig {
        linux = linux == null ? SandboxLinux.NONE : linux;
    }

    /** A sandbox with the runtime's defaults for everything Linux-specific. */
    public SandboxConfig(String name, String namespace, String uid, int attempt, String hostname,
                         Map<String, String> labels, Path logDirectory, String nodeNetworkIp) {
        this(name, namespace, uid, attempt, hostname, labels, logDirectory, nodeNetworkIp, SandboxLinux.NONE);
    }

    /** A sandbox with a network (and an address) of its own. */
    public SandboxConfig(String name, String namespace, String uid, int attempt, String hostname,
                         Map<String, String> labels, Path logDirectory) {
        this(name, namespace, uid, attempt, hostname, labels, logDirectory, null);
    }
}

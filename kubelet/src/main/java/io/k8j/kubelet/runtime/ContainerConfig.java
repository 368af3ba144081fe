package io.k8j.kubelet.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * CRI ContainerConfig, trimmed: {@code command} and {@code args} as the pod spec gives them (the runtime
 * joins them, or with a real image combines them with its entrypoint), the resolved environment, mounts
 * of host directories, the log path (relative to the sandbox's log directory) and the labels that tie
 * it to its pod (io.kubernetes.pod.uid, io.kubernetes.container.name, ...).
 */
public record ContainerConfig(String name, int attempt, String image, List<String> command, List<String> args,
                              Map<String, String> env, String workingDir, List<Mount> mounts, Path logPath,
                              Map<String, String> labels) {
    /** A host directory made visible at {@code containerPath}. */
    public record Mount(String name, String containerPath, Path hostPath, boolean readOnly) {
    }
}

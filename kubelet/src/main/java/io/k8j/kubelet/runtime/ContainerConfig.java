package io.k8j.kubelet.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * CRI ContainerConfig, trimmed: {@code command} and {@code args} as the pod spec gives them (the runtime
 * joins them, or with a real image combines them with its entrypoint), the resolved environment, mounts
 * of host directories, the log path (relative to the sandbox's log directory) and the labels that tie
 * it to its pod (io.kubernetes.pod.uid, io.kubernetes.container.name, ...). {@code stdin} keeps the
 * container's stdin open for attach (closed after the first attach ends with {@code stdinOnce}); {@code tty}
 * runs it under a pseudo-terminal. {@code linux}: its cgroup limits and security context.
 */
public record ContainerConfig(String name, int attempt, String image, List<String> command, List<String> args,
                              Map<String, String> env, String workingDir, List<Mount> mounts, Path logPath,
                              Map<String, String> labels, Stdio stdio, ContainerLinux linux) {
    /** Marks an init container other than a sidecar (value "true"): the simulated runtime completes it as soon as it starts. */
    public static final String INIT_LABEL = "io.k8j.container.init";

    public ContainerConfig {
        linux = linux == null ? ContainerLinux.NONE : linux;
    }

    /** A container with the runtime's default limits and security context. */
    public ContainerConfig(String name, int attempt, String image, List<String> command, List<String> args,
                           Map<String, String> env, String workingDir, List<Mount> mounts, Path logPath,
                           Map<String, String> labels, Stdio stdio) {
        this(name, attempt, image, command, args, env, workingDir, mounts, logPath, labels, stdio, ContainerLinux.NONE);
    }

    /** The pod spec's stdin, stdinOnce and tty. */
    public record Stdio(boolean stdin, boolean stdinOnce, boolean tty) {
        public static final Stdio NONE = new Stdio(false, false, false);
    }

    /** A host directory made visible at {@code containerPath}. */
    public record Mount(String name, String containerPath, Path hostPath, boolean readOnly) {
    }
}

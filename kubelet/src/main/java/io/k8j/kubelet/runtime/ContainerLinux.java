package io.k8j.kubelet.runtime;

import java.util.List;

/**
 * CRI LinuxContainerConfig: the container's cgroup limits and its security context, as the kubelet derives
 * them from the pod spec. Only an isolating runtime honours them.
 */
public record ContainerLinux(Resources resources, Security security) {
    public static final ContainerLinux NONE = new ContainerLinux(Resources.NONE, Security.NONE);

    /** CRI LinuxContainerResources: 0 leaves a value unset. */
    public record Resources(long cpuPeriod, long cpuQuota, long cpuShares, long memoryLimitBytes, long oomScoreAdj) {
        public static final Resources NONE = new Resources(0, 0, 0, 0, 0);
    }

    /**
     * CRI LinuxContainerSecurityContext. {@code seccomp}: "RuntimeDefault", "Unconfined" or "Localhost/PATH".
     * {@code pidTarget}: the id of the container whose PID namespace this one joins (an ephemeral container's
     * targetContainerName), else null.
     */
    public record Security(Long runAsUser, Long runAsGroup, String runAsUsername, List<Long> supplementalGroups,
                           boolean readOnlyRootfs, boolean privileged, boolean noNewPrivs, List<String> addCapabilities,
                           List<String> dropCapabilities, String seccomp, boolean hostPid, boolean hostIpc,
                           boolean sharePid, String pidTarget) {
        public static final Security NONE = new Security(null, null, null, List.of(), false, false, false, List.of(),
                List.of(), "Unconfined", false, false, false, null);
    }
}

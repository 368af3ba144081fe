package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.k8j.kubelet.runtime.ContainerConfig;
import io.k8j.kubelet.runtime.ContainerLinux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Translates a pod's container into the runtime's ContainerConfig, as the kubelet's generateContainerConfig. */
final class ContainerConfigs {
    static final String POD_UID = "io.kubernetes.pod.uid";
    static final String POD_NAME = "io.kubernetes.pod.name";
    static final String POD_NAMESPACE = "io.kubernetes.pod.namespace";
    static final String CONTAINER_NAME = "io.kubernetes.container.name";

    private final EnvResolver env;
    private final Map<String, String> allocatable;

    ContainerConfigs(ConfigSource configs, Map<String, String> allocatable) {
        this.env = new EnvResolver(configs, allocatable);
        this.allocatable = allocatable;
    }

    /**
     * {@code pidTarget}: the id of the container whose process namespace this (ephemeral) one joins, else null;
     * {@code etcHosts}: the pod's managed hosts file to mount at /etc/hosts, else null; {@code terminationLog}: the
     * file to mount at the container's terminationMessagePath, else null.
     */
    ContainerConfig of(Pod pod, Container c, int attempt, String podIp, String hostIp, Map<String, Path> volumes,
                       String pidTarget, Path etcHosts, Path terminationLog) {
        List<ContainerConfig.Mount> mounts = new ArrayList<>();
        for (VolumeMount m : c.getVolumeMounts()) {
            Path dir = volumes.get(m.getName());
            if (dir == null) {
                throw new IllegalStateException("volume " + m.getName() + " is not defined");
            }
            Path source = m.getSubPath() == null || m.getSubPath().isEmpty() ? dir : dir.resolve(m.getSubPath());
            mounts.add(new ContainerConfig.Mount(m.getName(), m.getMountPath(), source, Boolean.TRUE.equals(m.getReadOnly())));
        }
        if (etcHosts != null) {
            mounts.add(new ContainerConfig.Mount("etc-hosts", "/etc/hosts", etcHosts, false));
        }
        if (terminationLog != null) {
            mounts.add(new ContainerConfig.Mount("termination-log", c.getTerminationMessagePath(), terminationLog, false));
        }
        var meta = pod.getMetadata();
        Map<String, String> labels = new HashMap<>(Map.of(POD_UID, meta.getUid(), POD_NAME, meta.getName(),
                POD_NAMESPACE, meta.getNamespace(), CONTAINER_NAME, c.getName()));
        // Sidecars run on like app containers (a simulated runtime must not complete them).
        if (pod.getSpec().getInitContainers().contains(c) && !Sidecars.isSidecar(c)) {
            labels.put(ContainerConfig.INIT_LABEL, "true");
        }
        return new ContainerConfig(c.getName(), attempt, c.getImage(), c.getCommand(), c.getArgs(),
                env.resolve(pod, c, podIp, hostIp), c.getWorkingDir(), mounts, Path.of(c.getName(), attempt + ".log"),
                labels,
                new ContainerConfig.Stdio(Boolean.TRUE.equals(c.getStdin()), Boolean.TRUE.equals(c.getStdinOnce()),
                        Boolean.TRUE.equals(c.getTty())),
                new ContainerLinux(ContainerResources.of(c, SandboxConfigs.qosClass(pod), allocatable),
                        SecurityContexts.of(pod, c, pidTarget)));
    }
}

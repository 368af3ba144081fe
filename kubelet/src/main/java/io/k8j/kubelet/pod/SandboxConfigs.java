package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.kubelet.runtime.SandboxConfig;
import io.k8j.kubelet.runtime.SandboxLinux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A pod's sandbox config, as kuberuntime's generatePodSandboxConfig: metadata, hostname, the pod's labels plus
 * kube's io.kubernetes.pod.* labels (how the kubelet finds its sandboxes again), the log directory, and the Linux
 * side: the pod's cgroup under kube's QoS hierarchy (/kubepods[/burstable|/besteffort]/pod&lt;uid&gt;), host
 * namespaces, hostPort mappings, resolv.conf and sysctls.
 */
final class SandboxConfigs {
    private SandboxConfigs() {
    }

    static SandboxConfig of(Pod pod, int attempt, Path logsDir, String hostIp, PodDns dns) {
        var m = pod.getMetadata();
        var spec = pod.getSpec();
        Map<String, String> labels = new HashMap<>(m.getLabels() == null ? Map.of() : m.getLabels());
        labels.putAll(Map.of(ContainerConfigs.POD_NAME, m.getName(), ContainerConfigs.POD_NAMESPACE, m.getNamespace(),
                ContainerConfigs.POD_UID, m.getUid()));
        boolean hostNetwork = Boolean.TRUE.equals(spec.getHostNetwork());
        Map<String, String> sysctls = new LinkedHashMap<>();
        if (spec.getSecurityContext() != null && spec.getSecurityContext().getSysctls() != null) {
            spec.getSecurityContext().getSysctls().forEach(s -> sysctls.put(s.getName(), s.getValue()));
        }
        boolean privileged = containers(pod).anyMatch(c -> c.getSecurityContext() != null
                && Boolean.TRUE.equals(c.getSecurityContext().getPrivileged()));
        SandboxLinux linux = new SandboxLinux(cgroupParent(pod), Boolean.TRUE.equals(spec.getHostPID()),
                Boolean.TRUE.equals(spec.getHostIPC()), Boolean.TRUE.equals(spec.getShareProcessNamespace()),
                hostNetwork ? List.of() : portMappings(pod), dns.configFor(pod), sysctls, privileged);
        return new SandboxConfig(m.getName(), m.getNamespace(), m.getUid(), attempt, PodSync.hostname(pod), labels,
                logDirectory(logsDir, m.getNamespace(), m.getName(), m.getUid()), hostNetwork ? hostIp : null, linux);
    }

    /**
     * A pod's log directory, LOGS/NS_NAME_UID (kube's BuildPodLogsDirectory): derived from the pod, as the kubelet
     * does, since a runtime need not report it back (the CRI's sandbox status has no log directory).
     */
    static Path logDirectory(Path logsDir, String namespace, String name, String uid) {
        return logsDir.resolve(namespace + "_" + name + "_" + uid);
    }

    /** The QoS class the API server recorded (kube's qos.GetPodQOS), or BestEffort for a pod that names no resources. */
    static String qosClass(Pod pod) {
        String recorded = pod.getStatus() == null ? null : pod.getStatus().getQosClass();
        if (recorded != null && !recorded.isEmpty()) {
            return recorded;
        }
        return containers(pod).anyMatch(c -> c.getResources() != null && ((c.getResources().getRequests() != null
                && !c.getResources().getRequests().isEmpty()) || (c.getResources().getLimits() != null
                && !c.getResources().getLimits().isEmpty()))) ? "Burstable" : "BestEffort";
    }

    /** cgroupfs syntax; a runtime on the systemd driver converts it (kubepods-burstable-pod&lt;uid&gt;.slice). */
    static String cgroupParent(Pod pod) {
        String dir = "pod" + pod.getMetadata().getUid();
        return switch (qosClass(pod)) {
            case "Guaranteed" -> "/kubepods/" + dir;
            case "BestEffort" -> "/kubepods/besteffort/" + dir;
            default -> "/kubepods/burstable/" + dir;
        };
    }

    private static Stream<Container> containers(Pod pod) {
        return Stream.concat(pod.getSpec().getInitContainers().stream(), pod.getSpec().getContainers().stream());
    }

    private static List<SandboxLinux.PortMapping> portMappings(Pod pod) {
        List<SandboxLinux.PortMapping> out = new ArrayList<>();
        containers(pod).forEach(c -> {
            for (ContainerPort p : c.getPorts()) {
                if (p.getHostPort() != null && p.getHostPort() > 0) {
                    out.add(new SandboxLinux.PortMapping(p.getProtocol() == null ? "TCP" : p.getProtocol(),
                            p.getContainerPort(), p.getHostPort(), p.getHostIP()));
                }
            }
        });
        return out;
    }
}

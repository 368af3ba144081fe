package io.k8j.kubelet.runtime;

import java.util.List;
import java.util.Map;

/**
 * CRI LinuxPodSandboxConfig and what goes with it: the pod's cgroup parent (kube's QoS hierarchy), which
 * namespaces it shares with the node or among its containers, its hostPort mappings, resolv.conf (null: the
 * runtime's default, the node's), its sysctls, and whether any of its containers is privileged.
 */
public record SandboxLinux(String cgroupParent, boolean hostPid, boolean hostIpc, boolean sharePid,
                           List<PortMapping> portMappings, DnsConfig dns, Map<String, String> sysctls,
                           boolean privileged) {
    public static final SandboxLinux NONE = new SandboxLinux(null, false, false, false, List.of(), null, Map.of(), false);

    /** CRI PortMapping: a container port published on the node. */
    public record PortMapping(String protocol, int containerPort, int hostPort, String hostIp) {
    }

    /** CRI DNSConfig: the pod's resolv.conf. */
    public record DnsConfig(List<String> servers, List<String> searches, List<String> options) {
    }
}

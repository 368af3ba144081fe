package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;

import java.util.Map;
import java.util.Optional;

/**
 * The kubelet's sysctl admission (kube's sysctl.patternAllowlist with no --allowed-unsafe-sysctls): a pod may set
 * only the safe, namespaced sysctls, and not those of a namespace it shares with the node (hostNetwork, hostIPC).
 * A pod asking for any other is rejected with reason {@value #REASON}.
 */
final class SafeSysctls {
    static final String REASON = "SysctlForbidden";
    /** kube's SafeSysctlAllowlist, each with the namespace it belongs to. */
    private static final Map<String, String> SAFE = Map.ofEntries(
            Map.entry("kernel.shm_rmid_forced", "ipc"),
            Map.entry("net.ipv4.ip_local_port_range", "net"),
            Map.entry("net.ipv4.tcp_syncookies", "net"),
            Map.entry("net.ipv4.ping_group_range", "net"),
            Map.entry("net.ipv4.ip_unprivileged_port_start", "net"),
            Map.entry("net.ipv4.ip_local_reserved_ports", "net"),
            Map.entry("net.ipv4.tcp_keepalive_time", "net"),
            Map.entry("net.ipv4.tcp_fin_timeout", "net"),
            Map.entry("net.ipv4.tcp_keepalive_intvl", "net"),
            Map.entry("net.ipv4.tcp_keepalive_probes", "net"));

    private SafeSysctls() {
    }

    /** Why the pod is refused, worded as kube's rejection message ("forbidden sysctl: ..."); empty if admitted. */
    static Optional<String> forbidden(Pod pod) {
        PodSecurityContext sc = pod.getSpec().getSecurityContext();
        if (sc == null || sc.getSysctls() == null) {
            return Optional.empty();
        }
        boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        boolean hostIpc = Boolean.TRUE.equals(pod.getSpec().getHostIPC());
        for (Sysctl s : sc.getSysctls()) {
            String name = normalize(s.getName());
            String namespace = SAFE.get(name);
            if (namespace == null) {
                return Optional.of("forbidden sysctl: \"" + name + "\" not allowlisted");
            }
            if (namespace.equals("net") && hostNetwork || namespace.equals("ipc") && hostIpc) {
                return Optional.of("forbidden sysctl: \"" + name + "\" not allowed with host " + namespace + " enabled");
            }
        }
        return Optional.empty();
    }

    /** kube's NormalizeName: with "/" as the first separator, "/" and "." swap ("net/ipv4/conf/eth0.100/x"). */
    static String normalize(String name) {
        int slash = name.indexOf('/');
        int dot = name.indexOf('.');
        if (slash < 0 || dot >= 0 && dot < slash) {
            return name;
        }
        StringBuilder b = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            b.append(c == '/' ? '.' : c == '.' ? '/' : c);
        }
        return b.toString();
    }
}

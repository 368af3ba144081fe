package io.k8j.apiserver.admission.podsecurity;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static io.k8j.apiserver.admission.podsecurity.ContainerView.failing;
import static io.k8j.apiserver.admission.podsecurity.ContainerView.nullToEmpty;
import static io.k8j.apiserver.admission.podsecurity.Phrases.containers;
import static io.k8j.apiserver.admission.podsecurity.Phrases.joinQuote;
import static io.k8j.apiserver.admission.podsecurity.Phrases.pluralize;

/** The baseline level's controls: no known privilege escalation through the pod's spec. */
final class BaselineChecks {
    static final Set<String> DEFAULT_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID",
            "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");
    private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");
    private static final Set<String> SELINUX_TYPES = Set.of("", "container_t", "container_init_t", "container_kvm_t",
            "container_engine_t");

    private BaselineChecks() {
    }

    static Optional<Violation> hostNamespaces(PodSpec spec) {
        Set<String> used = new TreeSet<>();
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
            used.add("hostNetwork=true");
        }
        if (Boolean.TRUE.equals(spec.getHostPID())) {
            used.add("hostPID=true");
        }
        if (Boolean.TRUE.equals(spec.getHostIPC())) {
            used.add("hostIPC=true");
        }
        return violation(!used.isEmpty(), "host namespaces", String.join(", ", used));
    }

    static Optional<Violation> privileged(PodSpec spec) {
        List<String> bad = failing(spec, SecurityContext::getPrivileged, Boolean.TRUE::equals);
        return violation(!bad.isEmpty(), "privileged", containers(bad) + " must not set securityContext.privileged=true");
    }

    static Optional<Violation> capabilities(PodSpec spec) {
        Set<String> added = new TreeSet<>();
        List<String> bad = failing(spec, SecurityContext::getCapabilities, caps -> {
            List<String> beyond = added(caps).stream().filter(c -> !DEFAULT_CAPABILITIES.contains(c)).toList();
            added.addAll(beyond);
            return !beyond.isEmpty();
        });
        return violation(!bad.isEmpty(), "non-default capabilities",
                containers(bad) + " must not include " + joinQuote(added) + " in securityContext.capabilities.add");
    }

    static Optional<Violation> hostPathVolumes(PodSpec spec) {
        List<String> names = nullToEmpty(spec.getVolumes()).stream().filter(v -> v.getHostPath() != null)
                .map(Volume::getName).toList();
        return violation(!names.isEmpty(), "hostPath volumes",
                pluralize("volume", "volumes", names.size()) + " " + joinQuote(names));
    }

    static Optional<Violation> hostPorts(PodSpec spec) {
        Set<String> ports = new TreeSet<>();
        List<String> bad = new ArrayList<>();
        for (ContainerView c : ContainerView.of(spec)) {
            List<String> used = nullToEmpty(c.ports()).stream()
                    .filter(p -> p.getHostPort() != null && p.getHostPort() != 0)
                    .map(p -> String.valueOf(p.getHostPort())).toList();
            if (!used.isEmpty()) {
                bad.add(c.name());
                ports.addAll(used);
            }
        }
        return violation(!bad.isEmpty(), "hostPort", containers(bad) + " " + pluralize("uses", "use", bad.size()) + " "
                + pluralize("hostPort", "hostPorts", ports.size()) + " " + String.join(", ", ports));
    }

    static Optional<Violation> procMount(PodSpec spec) {
        Set<String> values = new TreeSet<>();
        List<String> bad = failing(spec, SecurityContext::getProcMount, mount -> {
            boolean unmasked = mount != null && !mount.isEmpty() && !mount.equals("Default");
            if (unmasked) {
                values.add(mount);
            }
            return unmasked;
        });
        return violation(!bad.isEmpty(), "procMount",
                containers(bad) + " must not set securityContext.procMount to " + joinQuote(values));
    }

    static Optional<Violation> seLinuxOptions(PodSpec spec) {
        List<String> setters = new ArrayList<>();
        Set<String> problems = new TreeSet<>();
        PodSecurityContext pod = spec.getSecurityContext();
        if (pod != null && badSeLinux(pod.getSeLinuxOptions(), problems)) {
            setters.add("pod");
        }
        List<String> bad = failing(spec, SecurityContext::getSeLinuxOptions, o -> badSeLinux(o, problems));
        if (!bad.isEmpty()) {
            setters.add(containers(bad));
        }
        return violation(!setters.isEmpty(), "seLinuxOptions", String.join(" and ", setters)
                + " set forbidden securityContext.seLinuxOptions: " + String.join("; ", problems));
    }

    private static boolean badSeLinux(SELinuxOptions options, Set<String> problems) {
        if (options == null) {
            return false;
        }
        boolean bad = false;
        if (options.getType() != null && !SELINUX_TYPES.contains(options.getType())) {
            problems.add("type \"" + options.getType() + "\"");
            bad = true;
        }
        if (options.getUser() != null && !options.getUser().isEmpty()) {
            problems.add("user \"" + options.getUser() + "\"");
            bad = true;
        }
        if (options.getRole() != null && !options.getRole().isEmpty()) {
            problems.add("role \"" + options.getRole() + "\"");
            bad = true;
        }
        return bad;
    }

    static Optional<Violation> seccompProfile(PodSpec spec) {
        List<String> setters = new ArrayList<>();
        PodSecurityContext pod = spec.getSecurityContext();
        if (pod != null && unconfined(pod.getSeccompProfile())) {
            setters.add("pod");
        }
        List<String> bad = failing(spec, SecurityContext::getSeccompProfile, BaselineChecks::unconfined);
        if (!bad.isEmpty()) {
            setters.add(containers(bad));
        }
        return violation(!setters.isEmpty(), "seccompProfile", String.join(" and ", setters)
                + " must not set securityContext.seccompProfile.type to \"Unconfined\"");
    }

    private static boolean unconfined(SeccompProfile profile) {
        return profile != null && "Unconfined".equals(profile.getType());
    }

    static Optional<Violation> sysctls(PodSpec spec) {
        PodSecurityContext pod = spec.getSecurityContext();
        List<String> forbidden = pod == null ? List.of() : nullToEmpty(pod.getSysctls()).stream().map(Sysctl::getName)
                .filter(name -> !SAFE_SYSCTLS.contains(name)).toList();
        return violation(!forbidden.isEmpty(), "forbidden sysctls", String.join(", ", forbidden));
    }

    static Optional<Violation> violation(boolean failed, String reason, String detail) {
        return failed ? Optional.of(new Violation(reason, detail)) : Optional.empty();
    }

    /** Capabilities a container adds (empty when it sets none). */
    static List<String> added(Capabilities caps) {
        return caps == null ? List.of() : nullToEmpty(caps.getAdd());
    }
}

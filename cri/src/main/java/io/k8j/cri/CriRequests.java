package io.k8j.cri;

import io.k8j.cri.v1.Capability;
import io.k8j.cri.v1.ContainerMetadata;
import io.k8j.cri.v1.DNSConfig;
import io.k8j.cri.v1.ImageSpec;
import io.k8j.cri.v1.Int64Value;
import io.k8j.cri.v1.KeyValue;
import io.k8j.cri.v1.LinuxContainerConfig;
import io.k8j.cri.v1.LinuxContainerResources;
import io.k8j.cri.v1.LinuxContainerSecurityContext;
import io.k8j.cri.v1.LinuxPodSandboxConfig;
import io.k8j.cri.v1.LinuxSandboxSecurityContext;
import io.k8j.cri.v1.Mount;
import io.k8j.cri.v1.NamespaceMode;
import io.k8j.cri.v1.NamespaceOption;
import io.k8j.cri.v1.PodSandboxConfig;
import io.k8j.cri.v1.PodSandboxMetadata;
import io.k8j.cri.v1.PortMapping;
import io.k8j.cri.v1.Protocol;
import io.k8j.cri.v1.SecurityProfile;
import io.k8j.kubelet.runtime.ContainerConfig;
import io.k8j.kubelet.runtime.ContainerLinux;
import io.k8j.kubelet.runtime.SandboxConfig;
import io.k8j.kubelet.runtime.SandboxLinux;

/**
 * The SPI's sandbox and container configs as CRI messages, field for field as kuberuntime fills them: a pod
 * network (or the node's for hostNetwork, with no hostname of its own), PID namespace per container unless
 * shared (shareProcessNamespace: the pod's; hostPID: the node's; an ephemeral container's target: TARGET), IPC
 * per pod unless hostIPC, and seccomp left unset for Unconfined.
 */
final class CriRequests {
    /** Sandbox annotation holding the node's IP for a hostNetwork sandbox, which the runtime reports no IP for. */
    static final String NODE_IP_ANNOTATION = "io.k8j.sandbox.node-ip";

    private CriRequests() {
    }

    static PodSandboxConfig sandbox(SandboxConfig c, boolean systemdCgroups) {
        SandboxLinux l = c.linux();
        boolean hostNetwork = c.nodeNetworkIp() != null;
        PodSandboxConfig.Builder b = PodSandboxConfig.newBuilder()
                .setMetadata(PodSandboxMetadata.newBuilder().setName(c.name()).setNamespace(c.namespace()).setUid(c.uid())
                        .setAttempt(c.attempt()))
                .putAllLabels(c.labels());
        if (!hostNetwork) {
            b.setHostname(c.hostname());
        } else {
            b.putAnnotations(NODE_IP_ANNOTATION, c.nodeNetworkIp());
        }
        if (c.logDirectory() != null) {
            b.setLogDirectory(c.logDirectory().toString());
        }
        if (l.dns() != null) {
            b.setDnsConfig(DNSConfig.newBuilder().addAllServers(l.dns().servers()).addAllSearches(l.dns().searches())
                    .addAllOptions(l.dns().options()));
        }
        for (SandboxLinux.PortMapping p : l.portMappings()) {
            b.addPortMappings(PortMapping.newBuilder().setProtocol(protocol(p.protocol())).setContainerPort(p.containerPort())
                    .setHostPort(p.hostPort()).setHostIp(p.hostIp() == null ? "" : p.hostIp()));
        }
        NamespaceOption ns = NamespaceOption.newBuilder().setNetwork(hostNetwork ? NamespaceMode.NODE : NamespaceMode.POD)
                .setPid(l.hostPid() ? NamespaceMode.NODE : l.sharePid() ? NamespaceMode.POD : NamespaceMode.CONTAINER)
                .setIpc(l.hostIpc() ? NamespaceMode.NODE : NamespaceMode.POD).build();
        LinuxPodSandboxConfig.Builder linux = LinuxPodSandboxConfig.newBuilder().putAllSysctls(l.sysctls())
                .setSecurityContext(LinuxSandboxSecurityContext.newBuilder().setNamespaceOptions(ns).setPrivileged(l.privileged()));
        if (l.cgroupParent() != null) {
            linux.setCgroupParent(systemdCgroups ? systemdSlice(l.cgroupParent()) : l.cgroupParent());
        }
        return b.setLinux(linux).build();
    }

    static io.k8j.cri.v1.ContainerConfig container(ContainerConfig c) {
        io.k8j.cri.v1.ContainerConfig.Builder b = io.k8j.cri.v1.ContainerConfig.newBuilder()
                .setMetadata(ContainerMetadata.newBuilder().setName(c.name()).setAttempt(c.attempt()))
                .setImage(ImageSpec.newBuilder().setImage(c.image()))
                .addAllCommand(c.command()).addAllArgs(c.args())
                .setWorkingDir(c.workingDir() == null ? "" : c.workingDir())
                .putAllLabels(c.labels())
                .setLogPath(c.logPath().toString())
                .setStdin(c.stdio().stdin()).setStdinOnce(c.stdio().stdinOnce()).setTty(c.stdio().tty());
        c.env().forEach((k, v) -> b.addEnvs(KeyValue.newBuilder().setKey(k).setValue(v)));
        for (ContainerConfig.Mount m : c.mounts()) {
            b.addMounts(Mount.newBuilder().setContainerPath(m.containerPath()).setHostPath(m.hostPath().toString())
                    .setReadonly(m.readOnly()));
        }
        ContainerLinux.Resources r = c.linux().resources();
        return b.setLinux(LinuxContainerConfig.newBuilder()
                .setResources(LinuxContainerResources.newBuilder().setCpuPeriod(r.cpuPeriod()).setCpuQuota(r.cpuQuota())
                        .setCpuShares(r.cpuShares()).setMemoryLimitInBytes(r.memoryLimitBytes()).setOomScoreAdj(r.oomScoreAdj()))
                .setSecurityContext(security(c.linux().security()))).build();
    }

    private static LinuxContainerSecurityContext security(ContainerLinux.Security s) {
        NamespaceMode pid = s.hostPid() ? NamespaceMode.NODE : s.pidTarget() != null ? NamespaceMode.TARGET
                : s.sharePid() ? NamespaceMode.POD : NamespaceMode.CONTAINER;
        NamespaceOption.Builder ns = NamespaceOption.newBuilder().setNetwork(NamespaceMode.POD).setPid(pid)
                .setIpc(s.hostIpc() ? NamespaceMode.NODE : NamespaceMode.POD);
        if (s.pidTarget() != null) {
            ns.setTargetId(s.pidTarget());
        }
        LinuxContainerSecurityContext.Builder b = LinuxContainerSecurityContext.newBuilder().setNamespaceOptions(ns)
                .setPrivileged(s.privileged()).setReadonlyRootfs(s.readOnlyRootfs()).setNoNewPrivs(s.noNewPrivs())
                .addAllSupplementalGroups(s.supplementalGroups())
                .setCapabilities(Capability.newBuilder().addAllAddCapabilities(s.addCapabilities())
                        .addAllDropCapabilities(s.dropCapabilities()));
        if (s.runAsUser() != null) {
            b.setRunAsUser(Int64Value.newBuilder().setValue(s.runAsUser()));
        }
        if (s.runAsGroup() != null) {
            b.setRunAsGroup(Int64Value.newBuilder().setValue(s.runAsGroup()));
        }
        if (s.runAsUsername() != null) {
            b.setRunAsUsername(s.runAsUsername());
        }
        if (s.seccomp().equals("RuntimeDefault")) {
            b.setSeccomp(SecurityProfile.newBuilder().setProfileType(SecurityProfile.ProfileType.RuntimeDefault));
        } else if (s.seccomp().startsWith("Localhost/")) {
            b.setSeccomp(SecurityProfile.newBuilder().setProfileType(SecurityProfile.ProfileType.Localhost)
                    .setLocalhostRef(s.seccomp().substring("Localhost/".length())));
        }
        return b.build();
    }

    private static Protocol protocol(String name) {
        return switch (name) {
            case "UDP" -> Protocol.UDP;
            case "SCTP" -> Protocol.SCTP;
            default -> Protocol.TCP;
        };
    }

    /** kube's cgroup name to systemd: /kubepods/burstable/podUID -> kubepods-burstable-podUID.slice ('-' in names as '_'). */
    static String systemdSlice(String cgroupfs) {
        String[] parts = cgroupfs.replaceFirst("^/", "").split("/");
        StringBuilder name = new StringBuilder();
        for (String p : parts) {
            name.append(name.isEmpty() ? "" : "-").append(p.replace('-', '_'));
        }
        return name + ".slice";
    }
}

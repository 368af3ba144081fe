package io.k8j.cri;

import io.grpc.Status;
import io.k8j.cri.v1.NamespaceMode;
import io.k8j.cri.v1.PodSandboxConfig;
import io.k8j.cri.v1.SecurityProfile;
import io.k8j.kubelet.runtime.ContainerConfig;
import io.k8j.kubelet.runtime.ContainerLinux;
import io.k8j.kubelet.runtime.SandboxConfig;
import io.k8j.kubelet.runtime.SandboxLinux;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The SPI's configs as CRI messages, as kuberuntime fills them. */
class CriRequestsTest {
    private static final SandboxLinux LINUX = new SandboxLinux("/kubepods/burstable/poduid-1", false, false, true,
            List.of(new SandboxLinux.PortMapping("UDP", 53, 5353, null)), new SandboxLinux.DnsConfig(List.of("10.43.0.10"),
            List.of("svc.cluster.local"), List.of("ndots:5")), Map.of("net.ipv4.ping_group_range", "0 2147483647"), false);

    private static SandboxConfig sandbox(String nodeIp) {
        return new SandboxConfig("web", "shop", "uid-1", 1, "web", Map.of("io.kubernetes.pod.uid", "uid-1"),
                Path.of("/logs/shop_web_uid-1"), nodeIp, LINUX);
    }

    @Test
    void aSandboxCarriesItsIdentityNetworkAndCgroup() {
        PodSandboxConfig c = CriRequests.sandbox(sandbox(null), false);
        assertThat(c.getMetadata().getName()).isEqualTo("web");
        assertThat(c.getMetadata().getAttempt()).isEqualTo(1);
        assertThat(c.getHostname()).isEqualTo("web");
        assertThat(c.getLogDirectory()).isEqualTo("/logs/shop_web_uid-1");
        assertThat(c.getLabelsMap()).containsEntry("io.kubernetes.pod.uid", "uid-1");
        assertThat(c.getDnsConfig().getServersList()).containsExactly("10.43.0.10");
        assertThat(c.getPortMappings(0).getHostPort()).isEqualTo(5353);
        assertThat(c.getPortMappings(0).getProtocol().name()).isEqualTo("UDP");
        assertThat(c.getLinux().getCgroupParent()).isEqualTo("/kubepods/burstable/poduid-1");
        assertThat(c.getLinux().getSysctlsMap()).containsKey("net.ipv4.ping_group_range");
        var ns = c.getLinux().getSecurityContext().getNamespaceOptions();
        assertThat(List.of(ns.getNetwork(), ns.getPid(), ns.getIpc())).containsExactly(NamespaceMode.POD, NamespaceMode.POD, NamespaceMode.POD);
    }

    @Test
    void aHostNetworkSandboxHasNoHostnameAndRemembersTheNodesIp() {
        PodSandboxConfig c = CriRequests.sandbox(sandbox("192.0.2.7"), true);
        assertThat(c.getHostname()).isEmpty();
        assertThat(c.getLinux().getSecurityContext().getNamespaceOptions().getNetwork()).isEqualTo(NamespaceMode.NODE);
        assertThat(c.getAnnotationsMap()).containsEntry(CriRequests.NODE_IP_ANNOTATION, "192.0.2.7");
        assertThat(c.getLinux().getCgroupParent()).isEqualTo("kubepods-burstable-poduid_1.slice");
    }

    @Test
    void aContainerCarriesItsProcessMountsLimitsAndSecurity() {
        ContainerLinux linux = new ContainerLinux(new ContainerLinux.Resources(100_000, 50_000, 256, 1 << 20, 875),
                new ContainerLinux.Security(1000L, 3000L, null, List.of(4000L), true, false, true, List.of("NET_ADMIN"),
                        List.of("ALL"), "Unconfined", false, false, false, "target-id"));
        var c = CriRequests.container(new ContainerConfig("app", 2, "busybox", List.of("sh", "-c"), List.of("echo hi"),
                Map.of("A", "1"), "/work", List.of(new ContainerConfig.Mount("data", "/data", Path.of("/host/data"), true)),
                Path.of("app/2.log"), Map.of("io.kubernetes.container.name", "app"), new ContainerConfig.Stdio(true, true, false),
                linux));
        assertThat(c.getCommandList()).containsExactly("sh", "-c");
        assertThat(c.getArgsList()).containsExactly("echo hi");
        assertThat(c.getEnvs(0).getKey()).isEqualTo("A");
        assertThat(c.getMounts(0).getReadonly()).isTrue();
        assertThat(c.getLogPath()).isEqualTo("app/2.log");
        assertThat(c.getStdinOnce()).isTrue();
        assertThat(c.getLinux().getResources().getCpuQuota()).isEqualTo(50_000);
        assertThat(c.getLinux().getResources().getOomScoreAdj()).isEqualTo(875);
        var s = c.getLinux().getSecurityContext();
        assertThat(s.getRunAsUser().getValue()).isEqualTo(1000);
        assertThat(s.getRunAsGroup().getValue()).isEqualTo(3000);
        assertThat(s.getReadonlyRootfs()).isTrue();
        assertThat(s.getNoNewPrivs()).isTrue();
        assertThat(s.getNamespaceOptions().getPid()).isEqualTo(NamespaceMode.TARGET);
        assertThat(s.getNamespaceOptions().getTargetId()).isEqualTo("target-id");
        assertThat(s.hasSeccomp()).as("Unconfined is the absence of a profile").isFalse();
    }

    @Test
    void runtimeDefaultSeccompAndPerContainerPidNamespace() {
        var s = CriRequests.container(new ContainerConfig("app", 0, "busybox", List.of(), List.of(), Map.of(), null, List.of(),
                Path.of("app/0.log"), Map.of(), ContainerConfig.Stdio.NONE, new ContainerLinux(ContainerLinux.Resources.NONE,
                new ContainerLinux.Security(null, null, null, List.of(), false, false, false, List.of(), List.of(),
                        "RuntimeDefault", false, false, false, null)))).getLinux().getSecurityContext();
        assertThat(s.getSeccomp().getProfileType()).isEqualTo(SecurityProfile.ProfileType.RuntimeDefault);
        assertThat(s.getNamespaceOptions().getPid()).isEqualTo(NamespaceMode.CONTAINER);
        assertThat(s.hasRunAsUser()).isFalse();
    }

    @Test
    void errorsReadAsGoPrintsAGrpcStatus() {
        assertThat(new CriException(Status.Code.NOT_FOUND, "failed to pull", null).goError())
                .isEqualTo("rpc error: code = NotFound desc = failed to pull");
        assertThat(CriException.goCode(Status.Code.DEADLINE_EXCEEDED)).isEqualTo("DeadlineExceeded");
        assertThat(CriException.goCode(Status.Code.CANCELLED)).isEqualTo("Canceled");
    }
}

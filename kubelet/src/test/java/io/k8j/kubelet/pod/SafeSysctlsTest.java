package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SafeSysctlsTest {
    private static Pod pod(String sysctl, boolean hostNetwork, boolean hostIpc) {
        return new PodBuilder().withNewSpec().withHostNetwork(hostNetwork).withHostIPC(hostIpc).withNewSecurityContext()
                .addNewSysctl().withName(sysctl).withValue("1").endSysctl().endSecurityContext().endSpec().build();
    }

    @Test
    void aSafeSysctlIsAdmittedWithDotsOrSlashes() {
        assertThat(SafeSysctls.forbidden(pod("net.ipv4.tcp_syncookies", false, false))).isEmpty();
        assertThat(SafeSysctls.forbidden(pod("net/ipv4/ip_local_port_range", false, false))).isEmpty();
        assertThat(SafeSysctls.forbidden(new PodBuilder().withNewSpec().endSpec().build())).isEmpty();
    }

    @Test
    void anUnsafeSysctlIsNotAllowlisted() {
        assertThat(SafeSysctls.forbidden(pod("net.core.somaxconn", false, false)))
                .hasValue("forbidden sysctl: \"net.core.somaxconn\" not allowlisted");
        assertThat(SafeSysctls.forbidden(pod("kernel/msgmax", false, false)))
                .hasValue("forbidden sysctl: \"kernel.msgmax\" not allowlisted");
    }

    @Test
    void aSafeSysctlOfANamespaceSharedWithTheNodeIsForbidden() {
        assertThat(SafeSysctls.forbidden(pod("net.ipv4.tcp_syncookies", true, false)))
                .hasValue("forbidden sysctl: \"net.ipv4.tcp_syncookies\" not allowed with host net enabled");
        assertThat(SafeSysctls.forbidden(pod("kernel.shm_rmid_forced", false, true)))
                .hasValue("forbidden sysctl: \"kernel.shm_rmid_forced\" not allowed with host ipc enabled");
        assertThat(SafeSysctls.forbidden(pod("kernel.shm_rmid_forced", true, false))).isEmpty();
    }
}

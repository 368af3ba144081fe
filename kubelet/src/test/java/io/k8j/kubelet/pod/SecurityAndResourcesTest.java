package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.k8j.kubelet.runtime.ContainerLinux;
import io.k8j.kubelet.runtime.Image;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Security contexts, cgroup settings and sandbox placement as kuberuntime derives them from a pod. */
class SecurityAndResourcesTest {
    private static final Image ROOT = new Image("sha256:1", List.of("busybox"), List.of(), 1, null, null);
    private static final Image NAMED = new Image("sha256:2", List.of("app"), List.of(), 1, null, "app");
    private static final Image UID_1000 = new Image("sha256:3", List.of("app"), List.of(), 1, 1000L, null);

    private static Pod pod(Container c) {
        return new PodBuilder().withNewMetadata().withName("web").withNamespace("shop").withUid("uid-1").endMetadata()
                .withNewSpec().withNewSecurityContext().withRunAsNonRoot(true).withFsGroup(2000L)
                .withSupplementalGroups(4000L).endSecurityContext().withContainers(c).endSpec().build();
    }

    @Test
    void runAsNonRootIsCheckedAgainstRunAsUserElseTheImagesUser() {
        Container plain = new ContainerBuilder().withName("c").build();
        assertThat(SecurityContexts.verifyRunAsNonRoot(pod(plain), plain, ROOT))
                .isEqualTo("container has runAsNonRoot and image will run as root (pod: \"web_shop(uid-1)\", container: c)");
        assertThat(SecurityContexts.verifyRunAsNonRoot(pod(plain), plain, NAMED)).isEqualTo("container has runAsNonRoot and "
                + "image has non-numeric user (app), cannot verify user is non-root (pod: \"web_shop(uid-1)\", container: c)");
        assertThat(SecurityContexts.verifyRunAsNonRoot(pod(plain), plain, UID_1000)).isNull();
        Container asRoot = new ContainerBuilder().withName("c").withNewSecurityContext().withRunAsUser(0L).endSecurityContext().build();
        assertThat(SecurityContexts.verifyRunAsNonRoot(pod(asRoot), asRoot, UID_1000))
                .isEqualTo("container's runAsUser breaks non-root policy (pod: \"web_shop(uid-1)\", container: c)");
        Container asUser = new ContainerBuilder().withName("c").withNewSecurityContext().withRunAsUser(7L).endSecurityContext().build();
        assertThat(SecurityContexts.verifyRunAsNonRoot(pod(asUser), asUser, ROOT)).isNull();
    }

    @Test
    void theContainersFieldsWinAndFsGroupJoinsTheSupplementalGroups() {
        Container c = new ContainerBuilder().withName("c").withNewSecurityContext().withRunAsUser(7L)
                .withReadOnlyRootFilesystem(true).withAllowPrivilegeEscalation(false).withNewCapabilities()
                .withAdd("NET_ADMIN").withDrop("ALL").endCapabilities().withNewSeccompProfile().withType("RuntimeDefault")
                .endSeccompProfile().endSecurityContext().build();
        ContainerLinux.Security s = SecurityContexts.of(pod(c), c, null);
        assertThat(s.runAsUser()).isEqualTo(7L);
        assertThat(s.supplementalGroups()).containsExactly(4000L, 2000L);
        assertThat(s.readOnlyRootfs()).isTrue();
        assertThat(s.noNewPrivs()).isTrue();
        assertThat(s.addCapabilities()).containsExactly("NET_ADMIN");
        assertThat(s.dropCapabilities()).containsExactly("ALL");
        assertThat(s.seccomp()).isEqualTo("RuntimeDefault");
        Container plain = new ContainerBuilder().withName("c").build();
        assertThat(SecurityContexts.of(pod(plain), plain, null).seccomp()).isEqualTo("Unconfined");
    }

    @Test
    void requestsAndLimitsBecomeSharesQuotaMemoryAndOomScore() {
        Container c = new ContainerBuilder().withName("c").withNewResources()
                .withRequests(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("1Gi")))
                .withLimits(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("2Gi"))).endResources().build();
        ContainerLinux.Resources r = ContainerResources.of(c, "Burstable", Map.of("memory", "8Gi"));
        assertThat(r.cpuShares()).isEqualTo(256);
        assertThat(r.cpuPeriod()).isEqualTo(100_000);
        assertThat(r.cpuQuota()).isEqualTo(50_000);
        assertThat(r.memoryLimitBytes()).isEqualTo(2L << 30);
        assertThat(r.oomScoreAdj()).isEqualTo(875);
        ContainerLinux.Resources none = ContainerResources.of(new ContainerBuilder().withName("c").build(), "BestEffort", Map.of());
        assertThat(none).isEqualTo(new ContainerLinux.Resources(0, 0, 2, 0, 1000));
        assertThat(ContainerResources.oomScoreAdj("Guaranteed", 0, Map.of())).isEqualTo(-997);
    }

    @Test
    void aPodsCgroupFollowsKubesQosHierarchy() {
        Pod p = pod(new ContainerBuilder().withName("c").build());
        assertThat(SandboxConfigs.cgroupParent(p)).isEqualTo("/kubepods/besteffort/poduid-1");
        p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withQosClass("Guaranteed").build());
        assertThat(SandboxConfigs.cgroupParent(p)).isEqualTo("/kubepods/poduid-1");
        p.getStatus().setQosClass("Burstable");
        assertThat(SandboxConfigs.cgroupParent(p)).isEqualTo("/kubepods/burstable/poduid-1");
    }

    @Test
    void durationsPrintAsGoPrintsThem() {
        assertThat(GoDurations.format(Duration.ofMillis(512))).isEqualTo("512ms");
        assertThat(GoDurations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(GoDurations.format(Duration.ofMillis(2000))).isEqualTo("2s");
        assertThat(GoDurations.format(Duration.ofMillis(123_250))).isEqualTo("2m3.25s");
        assertThat(GoDurations.format(Duration.ZERO)).isEqualTo("0s");
    }
}

package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodDNSConfigBuilder;
import io.k8j.kubelet.runtime.SandboxLinux;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A pod's resolv.conf by dnsPolicy, as kube's dns configurer writes it. */
class PodDnsTest {
    @TempDir
    Path dir;

    private PodDns dns() throws IOException {
        Path resolvConf = dir.resolve("resolv.conf");
        Files.writeString(resolvConf, """
                # the node's
                nameserver 192.0.2.53
                nameserver 192.0.2.54
                search corp.example
                options timeout:2 attempts:3
                """);
        return new PodDns("cluster.local", List.of("10.43.0.10"), resolvConf);
    }

    @Test
    void clusterFirstIsClusterDnsWithTheNamespaceSearchPathThenTheNodesAndNdots5() throws IOException {
        SandboxLinux.DnsConfig config = dns().configFor(pod("ClusterFirst", false).build());

        assertThat(config).isEqualTo(new SandboxLinux.DnsConfig(List.of("10.43.0.10"),
                List.of("shop.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example"), List.of("ndots:5")));
    }

    @Test
    void noPolicyIsClusterFirst() throws IOException {
        assertThat(dns().configFor(pod(null, false).build()).servers()).containsExactly("10.43.0.10");
    }

    @Test
    void defaultIsTheNodesResolvConf() throws IOException {
        assertThat(dns().configFor(pod("Default", false).build())).isEqualTo(new SandboxLinux.DnsConfig(
                List.of("192.0.2.53", "192.0.2.54"), List.of("corp.example"), List.of("timeout:2", "attempts:3")));
    }

    @Test
    void clusterFirstOnTheHostNetworkIsTheNodesButClusterFirstWithHostNetIsClusterDns() throws IOException {
        assertThat(dns().configFor(pod("ClusterFirst", true).build()).servers()).containsExactly("192.0.2.53", "192.0.2.54");
        assertThat(dns().configFor(pod("ClusterFirstWithHostNet", true).build()).servers()).containsExactly("10.43.0.10");
    }

    @Test
    void noneIsOnlyTheDnsConfig() throws IOException {
        Pod pod = pod("None", false).editSpec().withDnsConfig(new PodDNSConfigBuilder().withNameservers("198.51.100.1")
                .withSearches("a.example").addNewOption().withName("ndots").withValue("2").endOption().build()).endSpec().build();

        assertThat(dns().configFor(pod)).isEqualTo(new SandboxLinux.DnsConfig(List.of("198.51.100.1"), List.of("a.example"),
                List.of("ndots:2")));
    }

    @Test
    void aDnsConfigIsMergedWithoutDuplicatesAndItsOptionsWin() throws IOException {
        Pod pod = pod("ClusterFirst", false).editSpec().withDnsConfig(new PodDNSConfigBuilder()
                .withNameservers("10.43.0.10", "198.51.100.1").withSearches("svc.cluster.local", "b.example")
                .addNewOption().withName("ndots").withValue("1").endOption().addNewOption().withName("edns0").endOption()
                .build()).endSpec().build();

        assertThat(dns().configFor(pod)).isEqualTo(new SandboxLinux.DnsConfig(List.of("10.43.0.10", "198.51.100.1"),
                List.of("shop.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example", "b.example"),
                List.of("ndots:1", "edns0")));
    }

    @Test
    void withoutClusterDnsClusterFirstFallsBackToTheNodes() throws IOException {
        PodDns none = new PodDns("cluster.local", List.of(), dns().resolvConf());

        assertThat(none.configFor(pod("ClusterFirst", false).build()).servers()).containsExactly("192.0.2.53", "192.0.2.54");
    }

    @Test
    void anotherClusterDomain() throws IOException {
        PodDns other = new PodDns("k8j.test", List.of("10.43.0.10"), dns().resolvConf());

        assertThat(other.configFor(pod("ClusterFirst", false).build()).searches())
                .startsWith("shop.svc.k8j.test", "svc.k8j.test", "k8j.test");
    }

    @Test
    void aNodeWithoutResolvConfGivesTheClusterPartOnly() {
        PodDns noFile = new PodDns("cluster.local", List.of("10.43.0.10"), dir.resolve("missing"));

        assertThat(noFile.configFor(pod("ClusterFirst", false).build()).searches())
                .containsExactly("shop.svc.cluster.local", "svc.cluster.local", "cluster.local");
    }

    private static PodBuilder pod(String policy, boolean hostNetwork) {
        return new PodBuilder().withNewMetadata().withNamespace("shop").withName("p").endMetadata()
                .withNewSpec().withDnsPolicy(policy).withHostNetwork(hostNetwork).endSpec();
    }
}

package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The kubelet-managed /etc/hosts: localhost, the pod's own name and IP, its hostAliases; written once. */
class EtcHostsTest {
    @TempDir
    Path dir;

    private static PodBuilder pod() {
        return new PodBuilder().withNewMetadata().withName("web-0").withNamespace("shop").withUid("uid-1").endMetadata()
                .withNewSpec().endSpec();
    }

    @Test
    void thePodsOwnAddressAndItsAliases() {
        Pod p = pod().editSpec().addNewHostAlias().withIp("10.1.2.3").withHostnames("db", "db.local").endHostAlias().endSpec().build();
        assertThat(EtcHosts.content(p, "10.42.0.7")).isEqualTo("""
                # Kubernetes-managed hosts file.
                127.0.0.1\tlocalhost
                ::1\tlocalhost ip6-localhost ip6-loopback
                fe00::0\tip6-localnet
                fe00::0\tip6-mcastprefix
                fe00::1\tip6-allnodes
                fe00::2\tip6-allrouters
                10.42.0.7\tweb-0

                # Entries added by HostAliases.
                10.1.2.3\tdb\tdb.local
                """);
    }

    @Test
    void aSubdomainGivesTheFullyQualifiedNameFirst() {
        Pod p = pod().editSpec().withHostname("db-0").withSubdomain("db").endSpec().build();
        assertThat(EtcHosts.content(p, "10.42.0.8")).endsWith("10.42.0.8\tdb-0.db.shop.svc.cluster.local\tdb-0\n");
    }

    @Test
    void writtenOnceSoMountedCopiesKeepTheirFile() throws Exception {
        Path file = EtcHosts.ensure(dir, pod().build(), "10.42.0.7");
        Object inode = Files.getAttribute(file, "unix:ino");
        EtcHosts.ensure(dir, pod().build(), "10.42.0.9");
        assertThat(Files.getAttribute(file, "unix:ino")).isEqualTo(inode);
        assertThat(Files.readString(file)).contains("10.42.0.7\tweb-0");
    }
}

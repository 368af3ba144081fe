package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.Pod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The pod's /etc/hosts as the kubelet manages it (managedHostsFileContent): localhost entries, the pod's IP with
 * its hostname (fully qualified first when it has a subdomain), then its hostAliases. Written into the pod's
 * directory and bind-mounted into each container of a runtime that can mount single files.
 */
final class EtcHosts {
    private static final String CLUSTER_DOMAIN = "cluster.local";

    private EtcHosts() {
    }

    static String content(Pod pod, String podIp) {
        StringBuilder b = new StringBuilder("# Kubernetes-managed hosts file.\n")
                .append("127.0.0.1\tlocalhost\n")
                .append("::1\tlocalhost ip6-localhost ip6-loopback\n")
                .append("fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n");
        String hostname = PodSync.hostname(pod);
        String subdomain = pod.getSpec().getSubdomain();
        if (subdomain != null && !subdomain.isEmpty()) {
            b.append(podIp).append('\t').append(hostname).append('.').append(subdomain).append('.')
                    .append(pod.getMetadata().getNamespace()).append(".svc.").append(CLUSTER_DOMAIN).append('\t').append(hostname).append('\n');
        } else {
            b.append(podIp).append('\t').append(hostname).append('\n');
        }
        if (!pod.getSpec().getHostAliases().isEmpty()) {
            b.append("\n# Entries added by HostAliases.\n");
            for (HostAlias alias : pod.getSpec().getHostAliases()) {
                b.append(alias.getIp()).append('\t').append(String.join("\t", alias.getHostnames())).append('\n');
            }
        }
        return b.toString();
    }

    /**
     * DIR/etc-hosts, written once (the kubelet's ensureHostsFile): containers bind-mount this very inode, and the
     * pod's IP and names do not change while it lives. Returns its path.
     */
    static Path ensure(Path podDir, Pod pod, String podIp) throws IOException {
        Path file = podDir.resolve("etc-hosts");
        if (!Files.exists(file)) {
            Files.createDirectories(podDir);
            Path partial = podDir.resolve("etc-hosts.partial");
            Files.writeString(partial, content(pod, podIp));
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        }
        return file;
    }
}

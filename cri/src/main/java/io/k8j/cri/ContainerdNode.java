package io.k8j.cri;

import io.k8j.cri.containerd.ContainerdConfig;
import io.k8j.cri.containerd.ContainerdLayout;
import io.k8j.cri.containerd.ContainerdSupervisor;
import io.k8j.client.host.HostCommand;
import io.k8j.client.net.ClusterNetwork;
import io.k8j.cri.containerd.PodMasquerade;
import io.k8j.cri.containerd.PodNetworkConfig;
import io.k8j.cri.containerd.PodNetworkGuard;
import io.k8j.cri.images.ImageArchives;
import io.k8j.cri.images.TestImages;
import io.k8j.cri.v1.ImageSpec;
import io.k8j.cri.v1.ImageStatusRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Brings up a node's containerd runtime, as k3s's agent does: with no endpoint given, the pod network's CNI
 * config and guard chain, then the node's own containerd (generated config, supervised child); then the CRI
 * client, the sandbox image (built from busybox when missing, as no registry serves it here), and every image
 * archive in DATA_DIR/agent/images. With {@code --container-runtime-endpoint} an existing containerd is used as
 * it is configured.
 */
public final class ContainerdNode {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerdNode.class);
    private static final Duration READY = Duration.ofSeconds(60);

    private ContainerdNode() {
    }

    /** Why this machine cannot run the containerd runtime, if it cannot. */
    public static Optional<String> unavailable() {
        if (!HostCommand.onPath("containerd") || !HostCommand.onPath("runc")) {
            return Optional.of("containerd and runc were not both found on PATH");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("containerd needs root");
        }
        return Optional.empty();
    }

    /**
     * {@code endpoint}: an existing containerd's unix:///path, or null to run the node's own, whose pod network
     * config is written once the kubelet knows the node's pod CIDR ({@link ContainerdRuntime#updatePodCidr}).
     */
    public static ContainerdRuntime start(Path dataDir, String endpoint, ClusterNetwork network) throws IOException {
        ContainerdLayout layout = new ContainerdLayout(dataDir);
        boolean systemd = ContainerdLayout.systemdBooted();
        AutoCloseable supervisor = () -> {
        };
        Consumer<String> podCidrs = null;
        if (endpoint == null) {
            // containerd watches this directory from its start: the config is loaded when written.
            Files.createDirectories(layout.cniConfDir());
            PodNetworkGuard.of(PodNetworkConfig.DEFAULT_BRIDGE, network).install();
            new PodMasquerade(network.clusterCidr().toString()).install();
            podCidrs = cidr -> writeNetworkConfig(layout, cidr);
            ContainerdConfig.write(layout, TestImages.PAUSE, systemd);
            supervisor = ContainerdSupervisor.start(layout, READY);
        }
        String target = endpoint != null ? endpoint : layout.endpoint();
        CriClient cri;
        try {
            cri = CriClient.connect(target, READY);
        } catch (RuntimeException e) {
            closeQuietly(supervisor);
            throw e;
        }
        Path socket = Path.of(CriClient.socketPath(target));
        int imported = ImageArchives.importAll(socket, layout.images());
        if (endpoint == null) {
            ensureSandboxImage(cri, socket, layout);
        }
        LOG.info("containerd runtime at {} ({} image archives imported from {})", target, imported, layout.images());
        return new ContainerdRuntime(cri, systemd, supervisor, podCidrs);
    }

    private static void writeNetworkConfig(ContainerdLayout layout, String podCidr) {
        try {
            new PodNetworkConfig(PodNetworkConfig.DEFAULT_BRIDGE, podCidr).write(layout);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the pod network config in " + layout.cniConfDir(), e);
        }
    }

    private static void ensureSandboxImage(CriClient cri, Path socket, ContainerdLayout layout) throws IOException {
        boolean present = CriClient.call(() -> cri.images(Duration.ofSeconds(30)).imageStatus(ImageStatusRequest.newBuilder()
                .setImage(ImageSpec.newBuilder().setImage(TestImages.PAUSE)).build())).hasImage();
        if (present || !TestImages.available()) {
            return;
        }
        Path archive = layout.dir().resolve("pause.tar");
        TestImages.writePause(archive);
        try {
            ImageArchives.importArchive(socket, archive);
            LOG.info("sandbox image {} built from {} and imported", TestImages.PAUSE, TestImages.BUSYBOX_BINARY);
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("closing: {}", e.toString());
        }
    }
}

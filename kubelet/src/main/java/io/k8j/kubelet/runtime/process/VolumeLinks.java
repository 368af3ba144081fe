package io.k8j.kubelet.runtime.process;

import io.k8j.kubelet.runtime.ContainerConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A host process sees the host's filesystem, so a mountPath like /etc/config cannot be made to show the
 * volume. Instead the volume appears at the same path relative to the working directory
 * (workdir/etc/config, a symlink) and in the variable K8J_VOLUME_&lt;NAME&gt;.
 */
final class VolumeLinks {
    private VolumeLinks() {
    }

    static void link(Path workDir, ContainerConfig.Mount mount) throws IOException {
        String relative = ProcessContainer.relative(mount.containerPath());
        if (relative.isEmpty()) {
            return;
        }
        Path link = workDir.resolve(relative).normalize();
        if (!link.startsWith(workDir)) {
            throw new IOException("mountPath " + mount.containerPath() + " leaves the working directory");
        }
        Files.createDirectories(link.getParent());
        if (Files.isSymbolicLink(link)) {
            Files.delete(link);
        }
        if (!Files.exists(link)) {
            Files.createSymbolicLink(link, mount.hostPath());
        }
    }
}

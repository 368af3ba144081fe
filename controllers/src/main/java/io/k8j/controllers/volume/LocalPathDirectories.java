package io.k8j.controllers.volume;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removes a deleted local-path volume's directory. It is removed where the provisioner runs, which for
 * {@code k8j server} is the machine of its own node; a directory on another node (a {@code k8j agent})
 * is left behind, as no helper pod runs there to remove it.
 */
final class LocalPathDirectories {
    private static final Logger LOG = LoggerFactory.getLogger(LocalPathDirectories.class);

    private LocalPathDirectories() {
    }

    static void remove(Path root, PersistentVolume pv) {
        if (pv.getSpec().getHostPath() == null) {
            return;
        }
        Path dir = Path.of(pv.getSpec().getHostPath().getPath()).normalize();
        // Only ever below the storage root: a volume object must not make the provisioner delete elsewhere.
        if (!dir.startsWith(root) || dir.equals(root) || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("removing {} of volume {}: {}", dir, pv.getMetadata().getName(), e.toString());
        }
    }
}

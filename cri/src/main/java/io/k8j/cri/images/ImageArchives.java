package io.k8j.cri.images;

import io.k8j.client.host.HostCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Imports image archives (OCI image layouts or `docker save` tars, optionally gzipped) into containerd's
 * {@code k8s.io} namespace, where its CRI plugin keeps the images it runs. The CRI has no import call, so this
 * goes through containerd's own client, {@code ctr --address SOCKET -n k8s.io images import}, as k3s does.
 */
public final class ImageArchives {
    private static final Logger LOG = LoggerFactory.getLogger(ImageArchives.class);
    public static final String NAMESPACE = "k8s.io";
    private static final List<String> SUFFIXES = List.of(".tar", ".tar.gz", ".tgz");

    private ImageArchives() {
    }

    /** Imports one archive; returns ctr's report (the images unpacked); throws with ctr's message. */
    public static String importArchive(Path socket, Path archive) {
        if (!Files.isRegularFile(archive)) {
            throw new IllegalArgumentException("no such image archive: " + archive);
        }
        return HostCommand.check(List.of("ctr", "--address", socket.toString(), "-n", NAMESPACE, "images", "import",
                archive.toString()), null);
    }

    /** Imports every archive in {@code dir} (k3s's airgap images directory); one that fails is logged and skipped. */
    public static int importAll(Path socket, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int imported = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(ImageArchives::isArchive).sorted().toList()) {
                try {
                    long start = System.nanoTime();
                    importArchive(socket, f);
                    LOG.info("imported images from {} ({} ms)", f, (System.nanoTime() - start) / 1_000_000);
                    imported++;
                } catch (RuntimeException e) {
                    LOG.warn("cannot import images from {}: {}", f, e.getMessage());
                }
            }
        }
        return imported;
    }

    static boolean isArchive(Path f) {
        String name = f.getFileName().toString();
        return Files.isRegularFile(f) && SUFFIXES.stream().anyMatch(name::endsWith);
    }
}

package io.k8j.kubelet.pod;

import io.k8j.kubelet.runtime.ContainerRuntime;
import io.k8j.kubelet.runtime.SandboxStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The kubelet's housekeeping of pod directories (kube's cleanupOrphanedPodDirs, and the removal of a gone pod's
 * logs): DATA_DIR/pods/UID (working dirs, volumes) and DATA_DIR/logs/pods/NS_NAME_UID go once no pod with that
 * uid is known and the runtime has no sandbox of it. Directories are listed before the known pods are read, so a
 * pod created meanwhile (its directories are made only after the kubelet has seen it) is never taken for gone.
 */
public final class OrphanedPodDirs {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanedPodDirs.class);

    private final Path podsDir;
    private final Path logsDir;
    private final ContainerRuntime runtime;
    private final Supplier<Set<String>> knownUids;

    /** {@code knownUids}: the uids of the pods this kubelet runs (bound to its node, and static pods). */
    public OrphanedPodDirs(Path dataDir, ContainerRuntime runtime, Supplier<Set<String>> knownUids) {
        this.podsDir = dataDir.resolve("pods");
        this.logsDir = PodSync.PodContext.logsDir(dataDir);
        this.runtime = runtime;
        this.knownUids = knownUids;
    }

    public void clean() {
        List<Path> pods = list(podsDir);
        List<Path> logs = list(logsDir);
        Set<String> keep = new HashSet<>(knownUids.get());
        runtime.listPodSandboxes().stream().map(SandboxStatus::config).forEach(c -> keep.add(c.uid()));
        for (Path dir : pods) {
            removeUnless(keep, dir.getFileName().toString(), dir);
        }
        for (Path dir : logs) {
            String name = dir.getFileName().toString();
            removeUnless(keep, name.substring(name.lastIndexOf('_') + 1), dir);
        }
    }

    private static void removeUnless(Set<String> keep, String uid, Path dir) {
        if (!keep.contains(uid)) {
            LOG.info("removing {}: pod {} is gone", dir, uid);
            PodVolumes.deleteTree(dir);
        }
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

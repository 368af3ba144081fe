package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;

/**
 * kube's emptyDirLimitEviction: a pod whose emptyDir holds more than the volume's sizeLimit is evicted (reason
 * {@value #REASON}). Usage is the apparent size of the volume's files, looked at on every sync of the pod (every
 * 10 s while it runs, as often as kube's eviction manager looks).
 */
final class EmptyDirLimits {
    static final String REASON = "Evicted";

    private EmptyDirLimits() {
    }

    /** The eviction message (kube's emptyDirMessageFmt) for the first emptyDir over its limit; empty if none is. */
    static Optional<String> exceeded(Pod pod, Map<String, Path> volumes) {
        for (Volume v : pod.getSpec().getVolumes()) {
            EmptyDirVolumeSource e = v.getEmptyDir();
            Path dir = volumes.get(v.getName());
            if (e == null || e.getSizeLimit() == null || dir == null) {
                continue;
            }
            long limit = Quantity.getAmountInBytes(e.getSizeLimit()).longValue();
            if (limit > 0 && usage(dir) > limit) {
                return Optional.of("Usage of EmptyDir volume \"" + v.getName() + "\" exceeds the limit \""
                        + e.getSizeLimit() + "\". ");
            }
        }
        return Optional.empty();
    }

    /** The bytes of the files under {@code dir}; one deleted meanwhile counts for nothing. */
    static long usage(Path dir) {
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    total[0] += attrs.isRegularFile() ? attrs.size() : 0;
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total[0];
    }
}

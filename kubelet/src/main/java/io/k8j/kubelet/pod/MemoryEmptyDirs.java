package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.k8j.client.host.HostCommand;
import io.k8j.client.host.Mounts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * emptyDir {@code medium: Memory}: a tmpfs mounted on the volume's directory, sized as kube's
 * calculateEmptyDirMemorySize: the node's allocatable memory, less if the pod's memory limit is lower, less again if
 * the volume's sizeLimit is. Unmounted with the pod's directory ({@link PodVolumes#remove}).
 */
final class MemoryEmptyDirs {
    static final String MEDIUM = "Memory";

    private MemoryEmptyDirs() {
    }

    static boolean isMemory(EmptyDirVolumeSource v) {
        return v != null && MEDIUM.equals(v.getMedium());
    }

    /** Mounts the tmpfs unless it is there already (every sync of the pod asks). */
    static void mount(Path dir, long sizeBytes) throws IOException {
        if (!Mounts.isMountPoint(dir)) {
            List<String> options = sizeBytes > 0 ? List.of("-o", "size=" + sizeBytes) : List.of();
            HostCommand.check(Stream.of(List.of("mount", "-t", "tmpfs"), options, List.of("tmpfs", dir.toString()))
                    .flatMap(List::stream).toList(), null);
        }
    }

    /** The tmpfs size in bytes; 0 when nothing bounds it (no allocatable memory known, no limits). */
    static long size(Pod pod, EmptyDirVolumeSource v, Map<String, String> allocatable) {
        long size = allocatable.containsKey("memory") ? bytes(new Quantity(allocatable.get("memory"))) : Long.MAX_VALUE;
        long podLimit = podMemoryLimit(pod);
        if (podLimit > 0 && podLimit <= size) {
            size = podLimit;
        }
        long sizeLimit = v.getSizeLimit() == null ? 0 : bytes(v.getSizeLimit());
        if (sizeLimit > 0 && sizeLimit <= size) {
            size = sizeLimit;
        }
        return size == Long.MAX_VALUE ? 0 : size;
    }

    /**
     * The pod's memory limit as its cgroup gets it (kube's ResourceConfigForPod): when every app container has one,
     * their sum or the largest init container's, whichever is more; else 0 (none).
     */
    static long podMemoryLimit(Pod pod) {
        long sum = 0;
        for (Container c : pod.getSpec().getContainers()) {
            long limit = memoryLimit(c);
            if (limit == 0) {
                return 0;
            }
            sum += limit;
        }
        long init = pod.getSpec().getInitContainers().stream().mapToLong(MemoryEmptyDirs::memoryLimit).max().orElse(0);
        return Math.max(sum, init);
    }

    private static long memoryLimit(Container c) {
        Quantity q = c.getResources() == null || c.getResources().getLimits() == null ? null
                : c.getResources().getLimits().get("memory");
        return q == null ? 0 : bytes(q);
    }

    private static long bytes(Quantity q) {
        return Quantity.getAmountInBytes(q).longValue();
    }
}

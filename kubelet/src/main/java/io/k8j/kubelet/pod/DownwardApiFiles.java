package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The files of a downwardAPI volume (or projection): each item's fieldRef value, with the whole
 * metadata.labels and metadata.annotations as sorted {@code key="value"} lines, or its resourceFieldRef
 * value (as env's), as the kubelet writes them.
 */
final class DownwardApiFiles {
    private DownwardApiFiles() {
    }

    static Map<String, String> of(Pod pod, List<DownwardAPIVolumeFile> items, String podIp, String hostIp,
                                  Map<String, String> allocatable) {
        Map<String, String> files = new LinkedHashMap<>();
        for (DownwardAPIVolumeFile item : items == null ? List.<DownwardAPIVolumeFile>of() : items) {
            if (item.getResourceFieldRef() != null) {
                files.put(item.getPath(), ResourceFieldRefs.value(pod, null, item.getResourceFieldRef(), allocatable));
                continue;
            }
            if (item.getFieldRef() == null) {
                throw new IllegalStateException("downwardAPI item " + item.getPath() + ": needs a fieldRef or resourceFieldRef");
            }
            String path = item.getFieldRef().getFieldPath();
            files.put(item.getPath(), switch (path) {
                case "metadata.labels" -> lines(pod.getMetadata().getLabels());
                case "metadata.annotations" -> lines(pod.getMetadata().getAnnotations());
                default -> FieldRefs.value(pod, path, podIp, hostIp);
            });
        }
        return files;
    }

    /** Kube's fieldpath.FormatMap: sorted key="value" lines, values quoted as Go's %q. */
    static String lines(Map<String, String> map) {
        return new TreeMap<>(map == null ? Map.<String, String>of() : map).entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"")
                .collect(Collectors.joining("\n"));
    }
}

package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Materializes a pod's volumes under DATA_DIR/pods/&lt;uid&gt;/volumes/&lt;name&gt;: emptyDir as a directory,
 * configMap and secret as one file per key (or per item), rewritten on every sync so updates show.
 * Other volume types are not yet supported and fail the pod's containers with a clear message.
 */
final class PodVolumes {
    private final Path podsDir;
    private final ConfigSource configs;

    PodVolumes(Path podsDir, ConfigSource configs) {
        this.podsDir = podsDir;
        this.configs = configs;
    }

    /** Returns the host directory of each volume by name. */
    Map<String, Path> prepare(Pod pod) {
        Map<String, Path> dirs = new LinkedHashMap<>();
        String ns = pod.getMetadata().getNamespace();
        for (Volume v : pod.getSpec().getVolumes()) {
            Path dir = podsDir.resolve(pod.getMetadata().getUid()).resolve("volumes").resolve(v.getName());
            try {
                Files.createDirectories(dir);
                if (v.getConfigMap() != null) {
                    ConfigMap cm = configs.configMap(ns, v.getConfigMap().getName());
                    if (cm == null && !Boolean.TRUE.equals(v.getConfigMap().getOptional())) {
                        throw new IllegalStateException("configmap \"" + v.getConfigMap().getName() + "\" not found");
                    }
                    Map<String, String> data = cm == null || cm.getData() == null ? Map.of() : cm.getData();
                    write(dir, data, v.getConfigMap().getItems(), false);
                } else if (v.getSecret() != null) {
                    Secret s = configs.secret(ns, v.getSecret().getSecretName());
                    if (s == null && !Boolean.TRUE.equals(v.getSecret().getOptional())) {
                        throw new IllegalStateException("secret \"" + v.getSecret().getSecretName() + "\" not found");
                    }
                    write(dir, s == null || s.getData() == null ? Map.of() : s.getData(), v.getSecret().getItems(), true);
                } else if (v.getEmptyDir() == null) {
                    throw new IllegalStateException("volume " + v.getName() + ": only emptyDir, configMap and secret are supported");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dirs.put(v.getName(), dir);
        }
        return dirs;
    }

    private static void write(Path dir, Map<String, String> data, List<KeyToPath> items, boolean base64) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        if (items == null || items.isEmpty()) {
            data.keySet().forEach(k -> files.put(k, k));
        } else {
            items.forEach(i -> files.put(i.getKey(), i.getPath()));
        }
        for (var f : files.entrySet()) {
            String value = data.get(f.getKey());
            if (value == null) {
                continue;
            }
            Path file = dir.resolve(f.getValue()).normalize();
            if (!file.startsWith(dir)) {
                throw new IllegalStateException("item path " + f.getValue() + " leaves the volume");
            }
            Files.createDirectories(file.getParent());
            Files.write(file, base64 ? Base64.getDecoder().decode(value) : value.getBytes(StandardCharsets.UTF_8));
        }
    }

    void remove(String uid) {
        io.k8j.kubelet.pod.Dirs.deleteTree(podsDir.resolve(uid));
    }
}

package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.k8j.kubelet.runtime.Dirs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Materializes a pod's volumes. emptyDir, configMap, secret, downwardAPI and projected volumes are
 * directories under DATA_DIR/pods/&lt;uid&gt;/volumes/&lt;name&gt;, their files rewritten on every sync so updates
 * show; hostPath and persistentVolumeClaim volumes are host directories used in place (a claim through
 * its bound volume's hostPath or local path, created if missing). Projected serviceAccountToken sources hold a
 * token bound to the pod ({@link ServiceAccountTokens}), refreshed before it expires.
 */
final class PodVolumes {
    private final Path podsDir;
    private final ConfigSource configs;
    private final Map<String, String> allocatable;
    private final ServiceAccountTokens tokens;

    /** allocatable: the node's, which resourceFieldRef limits fall back to. */
    PodVolumes(Path podsDir, ConfigSource configs, Map<String, String> allocatable, Clock clock) {
        this.podsDir = podsDir;
        this.configs = configs;
        this.allocatable = allocatable;
        this.tokens = new ServiceAccountTokens(configs, clock);
    }

    /** Returns the host directory of each volume by name; throws {@link VolumeSetUpException} for one that fails. */
    Map<String, Path> prepare(Pod pod, String podIp, String hostIp) {
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (Volume v : pod.getSpec().getVolumes()) {
            Path dir = podsDir.resolve(pod.getMetadata().getUid()).resolve("volumes").resolve(v.getName());
            try {
                if (v.getHostPath() != null) {
                    dir = HostPaths.prepare(v.getHostPath().getPath(), v.getHostPath().getType());
                } else if (v.getPersistentVolumeClaim() != null) {
                    dir = claimDirectory(pod.getMetadata().getNamespace(), v.getPersistentVolumeClaim().getClaimName());
                } else {
                    Files.createDirectories(dir);
                    writeFiles(pod, v, dir, podIp, hostIp);
                }
            } catch (IOException | RuntimeException e) {
                throw new VolumeSetUpException(v.getName(), e);
            }
            dirs.put(v.getName(), dir);
        }
        return dirs;
    }

    private void writeFiles(Pod pod, Volume v, Path dir, String podIp, String hostIp) throws IOException {
        String ns = pod.getMetadata().getNamespace();
        if (v.getConfigMap() != null) {
            configMap(ns, v.getConfigMap().getName(), v.getConfigMap().getOptional(), v.getConfigMap().getItems(), dir);
        } else if (v.getSecret() != null) {
            secret(ns, v.getSecret().getSecretName(), v.getSecret().getOptional(), v.getSecret().getItems(), dir);
        } else if (v.getDownwardAPI() != null) {
            write(dir, DownwardApiFiles.of(pod, v.getDownwardAPI().getItems(), podIp, hostIp, allocatable), null, false);
        } else if (v.getProjected() != null) {
            for (VolumeProjection p : v.getProjected().getSources()) {
                if (p.getConfigMap() != null) {
                    configMap(ns, p.getConfigMap().getName(), p.getConfigMap().getOptional(), p.getConfigMap().getItems(), dir);
                } else if (p.getSecret() != null) {
                    secret(ns, p.getSecret().getName(), p.getSecret().getOptional(), p.getSecret().getItems(), dir);
                } else if (p.getDownwardAPI() != null) {
                    write(dir, DownwardApiFiles.of(pod, p.getDownwardAPI().getItems(), podIp, hostIp, allocatable), null, false);
                } else if (p.getServiceAccountToken() != null) {
                    tokens.write(pod, p.getServiceAccountToken(), dir);
                }
            }
        } else if (v.getEmptyDir() == null) {
            throw new IllegalStateException("volume " + v.getName()
                    + ": only emptyDir, configMap, secret, downwardAPI, projected, hostPath and persistentVolumeClaim are supported");
        }
    }

    private void configMap(String ns, String name, Boolean optional, List<KeyToPath> items, Path dir) throws IOException {
        ConfigMap cm = configs.configMap(ns, name);
        if (cm == null && !Boolean.TRUE.equals(optional)) {
            throw new IllegalStateException("configmap \"" + name + "\" not found");
        }
        write(dir, cm == null || cm.getData() == null ? Map.of() : cm.getData(), items, false);
    }

    private void secret(String ns, String name, Boolean optional, List<KeyToPath> items, Path dir) throws IOException {
        Secret s = configs.secret(ns, name);
        if (s == null && !Boolean.TRUE.equals(optional)) {
            throw new IllegalStateException("secret \"" + name + "\" not found");
        }
        write(dir, s == null || s.getData() == null ? Map.of() : s.getData(), items, true);
    }

    /** The claim's bound volume's directory on this host; a claim not yet bound keeps the pod waiting. */
    private Path claimDirectory(String ns, String claimName) throws IOException {
        PersistentVolumeClaim claim = configs.claim(ns, claimName);
        if (claim == null) {
            throw new IllegalStateException("persistentvolumeclaim \"" + claimName + "\" not found");
        }
        String volumeName = claim.getSpec().getVolumeName();
        PersistentVolume pv = volumeName == null || volumeName.isEmpty() ? null : configs.volume(volumeName);
        if (pv == null) {
            throw new IllegalStateException("persistentvolumeclaim \"" + claimName + "\" is not bound");
        }
        if (pv.getSpec().getHostPath() != null) {
            String type = pv.getSpec().getHostPath().getType();
            return HostPaths.prepare(pv.getSpec().getHostPath().getPath(), type == null || type.isEmpty() ? "DirectoryOrCreate" : type);
        }
        if (pv.getSpec().getLocal() != null) {
            return HostPaths.prepare(pv.getSpec().getLocal().getPath(), "DirectoryOrCreate");
        }
        throw new IllegalStateException("persistentvolume \"" + volumeName + "\": only hostPath and local volumes can be mounted");
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

    /** The pod's managed /etc/hosts (see {@link EtcHosts}). */
    Path etcHosts(Pod pod, String podIp) throws IOException {
        return EtcHosts.ensure(podsDir.resolve(pod.getMetadata().getUid()), pod, podIp);
    }

    void remove(String uid) {
        tokens.forget(uid);
        Dirs.deleteTree(podsDir.resolve(uid));
    }
}

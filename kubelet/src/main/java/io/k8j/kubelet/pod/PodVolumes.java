package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
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
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Materializes a pod's volumes. emptyDir, configMap, secret, downwardAPI and projected volumes are
 * directories under DATA_DIR/pods/&lt;uid&gt;/volumes/&lt;name&gt;, their files rewritten on every sync so updates
 * show; hostPath and persistentVolumeClaim volumes are host directories used in place (a claim through
 * its bound volume's hostPath or local path, created if missing). Projected serviceAccountToken sources hold a
 * token bound to the pod ({@link ServiceAccountTokens}), refreshed before it expires. Their files get kube's modes and
 * fsGroup ownership ({@link VolumeFileModes}).
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
        Long fsGroup = pod.getSpec().getSecurityContext() == null ? null : pod.getSpec().getSecurityContext().getFsGroup();
        if (v.getConfigMap() != null) {
            VolumeFileModes modes = new VolumeFileModes(v.getConfigMap().getDefaultMode(), fsGroup);
            configMap(ns, v.getConfigMap().getName(), v.getConfigMap().getOptional(), v.getConfigMap().getItems(), dir, modes);
        } else if (v.getSecret() != null) {
            VolumeFileModes modes = new VolumeFileModes(v.getSecret().getDefaultMode(), fsGroup);
            secret(ns, v.getSecret().getSecretName(), v.getSecret().getOptional(), v.getSecret().getItems(), dir, modes);
        } else if (v.getDownwardAPI() != null) {
            downwardApi(pod, v.getDownwardAPI().getItems(), dir, podIp, hostIp,
                    new VolumeFileModes(v.getDownwardAPI().getDefaultMode(), fsGroup));
        } else if (v.getProjected() != null) {
            VolumeFileModes modes = new VolumeFileModes(v.getProjected().getDefaultMode(), fsGroup);
            for (VolumeProjection p : v.getProjected().getSources()) {
                if (p.getConfigMap() != null) {
                    configMap(ns, p.getConfigMap().getName(), p.getConfigMap().getOptional(), p.getConfigMap().getItems(), dir, modes);
                } else if (p.getSecret() != null) {
                    secret(ns, p.getSecret().getName(), p.getSecret().getOptional(), p.getSecret().getItems(), dir, modes);
                } else if (p.getDownwardAPI() != null) {
                    downwardApi(pod, p.getDownwardAPI().getItems(), dir, podIp, hostIp, modes);
                } else if (p.getServiceAccountToken() != null) {
                    Path token = tokens.write(pod, p.getServiceAccountToken(), dir);
                    modes.applyToFile(token, null);
                }
            }
            modes.applyToDirectory(dir);
        } else if (v.getEmptyDir() == null) {
            throw new IllegalStateException("volume " + v.getName()
                    + ": only emptyDir, configMap, secret, downwardAPI, projected, hostPath and persistentVolumeClaim are supported");
        }
    }

    private void configMap(String ns, String name, Boolean optional, List<KeyToPath> items, Path dir,
                           VolumeFileModes modes) throws IOException {
        ConfigMap cm = configs.configMap(ns, name);
        if (cm == null && !Boolean.TRUE.equals(optional)) {
            throw new IllegalStateException("configmap \"" + name + "\" not found");
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (cm != null && cm.getData() != null) {
            cm.getData().forEach((k, value) -> data.put(k, value.getBytes(StandardCharsets.UTF_8)));
        }
        writeKeys(dir, data, items, modes);
    }

    private void secret(String ns, String name, Boolean optional, List<KeyToPath> items, Path dir,
                        VolumeFileModes modes) throws IOException {
        Secret s = configs.secret(ns, name);
        if (s == null && !Boolean.TRUE.equals(optional)) {
            throw new IllegalStateException("secret \"" + name + "\" not found");
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (s != null && s.getData() != null) {
            s.getData().forEach((k, value) -> data.put(k, Base64.getDecoder().decode(value)));
        }
        writeKeys(dir, data, items, modes);
    }

    private void downwardApi(Pod pod, List<DownwardAPIVolumeFile> items, Path dir, String podIp, String hostIp,
                             VolumeFileModes modes) throws IOException {
        Map<String, Integer> itemModes = new HashMap<>();
        if (items != null) {
            items.forEach(i -> itemModes.put(i.getPath(), i.getMode()));
        }
        for (var f : DownwardApiFiles.of(pod, items, podIp, hostIp, allocatable).entrySet()) {
            writeFile(dir, f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8), itemModes.get(f.getKey()), modes);
        }
        modes.applyToDirectory(dir);
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

    /** Every key of {@code data} under its own name, or only the items' keys under their paths. */
    private static void writeKeys(Path dir, Map<String, byte[]> data, List<KeyToPath> items, VolumeFileModes modes)
            throws IOException {
        if (items == null || items.isEmpty()) {
            for (var e : data.entrySet()) {
                writeFile(dir, e.getKey(), e.getValue(), null, modes);
            }
        } else {
            for (KeyToPath item : items) {
                if (data.containsKey(item.getKey())) {
                    writeFile(dir, item.getPath(), data.get(item.getKey()), item.getMode(), modes);
                }
            }
        }
        modes.applyToDirectory(dir);
    }

    private static void writeFile(Path dir, String path, byte[] content, Integer itemMode, VolumeFileModes modes)
            throws IOException {
        Path file = dir.resolve(path).normalize();
        if (!file.startsWith(dir)) {
            throw new IllegalStateException("item path " + path + " leaves the volume");
        }
        Files.createDirectories(file.getParent());
        // A new file renamed over the old: a reader sees old or new content, and a read-only mode (0400) left by
        // the last sync does not stop a kubelet that is not root from writing.
        Path tmp = Files.createTempFile(file.getParent(), ".." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, content);
            modes.applyToFile(tmp, itemMode);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        for (Path d = file.getParent(); !d.equals(dir); d = d.getParent()) {
            modes.applyToDirectory(d);
        }
    }

    /** The pod's managed /etc/hosts (see {@link EtcHosts}). */
    Path etcHosts(Pod pod, String podIp) throws IOException {
        return EtcHosts.ensure(podsDir.resolve(pod.getMetadata().getUid()), pod, podIp);
    }

    /**
     * A new empty file, writable by any user, for the container's attempt to write its termination message into
     * (mounted at its terminationMessagePath, as kuberuntime's makeMounts).
     */
    Path createTerminationLog(Pod pod, String container, int attempt) throws IOException {
        Path file = terminationLog(pod.getMetadata().getUid(), container, attempt);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        return file;
    }

    /** Where the termination message of a container's attempt is: DATA_DIR/pods/UID/containers/NAME/ATTEMPT. */
    Path terminationLog(String podUid, String container, int attempt) {
        return podsDir.resolve(podUid).resolve("containers").resolve(container).resolve(Integer.toString(attempt));
    }

    void remove(String uid) {
        tokens.forget(uid);
        Dirs.deleteTree(podsDir.resolve(uid));
    }
}

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
import io.k8j.client.host.Mounts;
import io.k8j.kubelet.pod.AtomicWriter.FileProjection;
import io.k8j.kubelet.runtime.Dirs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Materializes a pod's volumes. emptyDir, configMap, secret, downwardAPI and projected volumes are
 * directories under DATA_DIR/pods/&lt;uid&gt;/volumes/&lt;name&gt;, their files rewritten on every sync when their
 * source changed, atomically ({@link AtomicWriter}); an emptyDir of medium Memory is a tmpfs ({@link MemoryEmptyDirs});
 * hostPath and persistentVolumeClaim volumes are host directories used in place (a claim through
 * its bound volume's hostPath or local path, created if missing). Projected serviceAccountToken sources hold a
 * token bound to the pod ({@link ServiceAccountTokens}), refreshed before it expires. Their files get kube's modes and
 * fsGroup ownership ({@link VolumeFileModes}).
 */
final class PodVolumes {
    private final Path podsDir;
    private final ConfigSource configs;
    private final Map<String, String> allocatable;
    private final ServiceAccountTokens tokens;
    private final Clock clock;

    /** allocatable: the node's, which resourceFieldRef limits fall back to and which bounds a Memory emptyDir. */
    PodVolumes(Path podsDir, ConfigSource configs, Map<String, String> allocatable, Clock clock) {
        this.podsDir = podsDir;
        this.configs = configs;
        this.allocatable = allocatable;
        this.tokens = new ServiceAccountTokens(configs, clock);
        this.clock = clock;
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
                    setUp(pod, v, dir, podIp, hostIp);
                }
            } catch (IOException | RuntimeException e) {
                throw new VolumeSetUpException(v.getName(), e);
            }
            dirs.put(v.getName(), dir);
        }
        return dirs;
    }

    /** Mounts or writes what a volume in the pod's own directory holds. */
    private void setUp(Pod pod, Volume v, Path dir, String podIp, String hostIp) throws IOException {
        String ns = pod.getMetadata().getNamespace();
        Long fsGroup = pod.getSpec().getSecurityContext() == null ? null : pod.getSpec().getSecurityContext().getFsGroup();
        Map<String, FileProjection> payload = new LinkedHashMap<>();
        Integer defaultMode;
        if (v.getConfigMap() != null) {
            defaultMode = v.getConfigMap().getDefaultMode();
            configMap(ns, v.getConfigMap().getName(), v.getConfigMap().getOptional(), v.getConfigMap().getItems(), payload);
        } else if (v.getSecret() != null) {
            defaultMode = v.getSecret().getDefaultMode();
            secret(ns, v.getSecret().getSecretName(), v.getSecret().getOptional(), v.getSecret().getItems(), payload);
        } else if (v.getDownwardAPI() != null) {
            defaultMode = v.getDownwardAPI().getDefaultMode();
            downwardApi(pod, v.getDownwardAPI().getItems(), podIp, hostIp, payload);
        } else if (v.getProjected() != null) {
            defaultMode = v.getProjected().getDefaultMode();
            for (VolumeProjection p : v.getProjected().getSources()) {
                if (p.getConfigMap() != null) {
                    configMap(ns, p.getConfigMap().getName(), p.getConfigMap().getOptional(), p.getConfigMap().getItems(), payload);
                } else if (p.getSecret() != null) {
                    secret(ns, p.getSecret().getName(), p.getSecret().getOptional(), p.getSecret().getItems(), payload);
                } else if (p.getDownwardAPI() != null) {
                    downwardApi(pod, p.getDownwardAPI().getItems(), podIp, hostIp, payload);
                } else if (p.getServiceAccountToken() != null) {
                    payload.put(p.getServiceAccountToken().getPath(), new FileProjection(
                            tokens.token(pod, p.getServiceAccountToken()).getBytes(StandardCharsets.UTF_8), null));
                }
            }
        } else if (MemoryEmptyDirs.isMemory(v.getEmptyDir())) {
            MemoryEmptyDirs.mount(dir, MemoryEmptyDirs.size(pod, v.getEmptyDir(), allocatable));
            return;
        } else if (v.getEmptyDir() != null) {
            return;
        } else {
            throw new IllegalStateException("volume " + v.getName()
                    + ": only emptyDir, configMap, secret, downwardAPI, projected, hostPath and persistentVolumeClaim are supported");
        }
        new AtomicWriter(dir, new VolumeFileModes(defaultMode, fsGroup), clock).write(payload);
    }

    private void configMap(String ns, String name, Boolean optional, List<KeyToPath> items,
                           Map<String, FileProjection> payload) {
        ConfigMap cm = configs.configMap(ns, name);
        if (cm == null && !Boolean.TRUE.equals(optional)) {
            throw new IllegalStateException("configmap \"" + name + "\" not found");
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (cm != null && cm.getData() != null) {
            cm.getData().forEach((k, value) -> data.put(k, value.getBytes(StandardCharsets.UTF_8)));
        }
        if (cm != null && cm.getBinaryData() != null) {
            cm.getBinaryData().forEach((k, value) -> data.put(k, Base64.getDecoder().decode(value)));
        }
        addKeys(data, items, payload);
    }

    private void secret(String ns, String name, Boolean optional, List<KeyToPath> items, Map<String, FileProjection> payload) {
        Secret s = configs.secret(ns, name);
        if (s == null && !Boolean.TRUE.equals(optional)) {
            throw new IllegalStateException("secret \"" + name + "\" not found");
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (s != null && s.getData() != null) {
            s.getData().forEach((k, value) -> data.put(k, Base64.getDecoder().decode(value)));
        }
        addKeys(data, items, payload);
    }

    private void downwardApi(Pod pod, List<DownwardAPIVolumeFile> items, String podIp, String hostIp,
                             Map<String, FileProjection> payload) {
        Map<String, Integer> itemModes = new HashMap<>();
        if (items != null) {
            items.forEach(i -> itemModes.put(i.getPath(), i.getMode()));
        }
        for (var f : DownwardApiFiles.of(pod, items, podIp, hostIp, allocatable).entrySet()) {
            payload.put(f.getKey(), new FileProjection(f.getValue().getBytes(StandardCharsets.UTF_8), itemModes.get(f.getKey())));
        }
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
    private static void addKeys(Map<String, byte[]> data, List<KeyToPath> items, Map<String, FileProjection> payload) {
        if (items == null || items.isEmpty()) {
            data.forEach((key, content) -> payload.put(key, new FileProjection(content, null)));
        } else {
            for (KeyToPath item : items) {
                if (data.containsKey(item.getKey())) {
                    payload.put(item.getPath(), new FileProjection(data.get(item.getKey()), item.getMode()));
                }
            }
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
        deleteTree(podsDir.resolve(uid));
    }

    /** Deletes a pod's directory, unmounting its memory-backed emptyDirs first so no tmpfs is left behind. */
    static void deleteTree(Path podDir) {
        try {
            Mounts.unmountUnder(podDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Dirs.deleteTree(podDir);
    }
}

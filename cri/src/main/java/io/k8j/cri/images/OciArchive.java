package io.k8j.cri.images;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an image as an OCI image-layout archive (oci-layout, index.json, blobs/sha256/...), what
 * {@code ctr images import} and k8j's airgap directory take: the layers as uncompressed tars, the image config
 * (entrypoint, cmd, env, workdir, user, exposed ports) and the manifest, each named by its sha256 digest, and
 * an index naming the image ({@code io.containerd.image.name}, the full reference, and the OCI ref.name tag).
 */
public final class OciArchive {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String LAYER = "application/vnd.oci.image.layer.v1.tar";

    /** The runtime settings of an image config ("config" in the OCI image spec); null/empty ones are left out. */
    public record Config(List<String> entrypoint, List<String> cmd, List<String> env, String workingDir, String user,
                         List<String> exposedPorts) {
        Map<String, Object> json() {
            Map<String, Object> c = new LinkedHashMap<>();
            if (user != null) {
                c.put("User", user);
            }
            if (exposedPorts != null && !exposedPorts.isEmpty()) {
                Map<String, Object> ports = new LinkedHashMap<>();
                exposedPorts.forEach(p -> ports.put(p, Map.of()));
                c.put("ExposedPorts", ports);
            }
            c.put("Env", env);
            if (entrypoint != null && !entrypoint.isEmpty()) {
                c.put("Entrypoint", entrypoint);
            }
            c.put("Cmd", cmd);
            c.put("WorkingDir", workingDir == null ? "" : workingDir);
            return c;
        }
    }

    private OciArchive() {
    }

    /** Writes {@code reference} (e.g. docker.io/library/busybox:latest) to {@code file}. */
    public static void write(Path file, String reference, Config config, List<Layer> layers) throws IOException {
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        List<Map<String, Object>> layerDescriptors = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (Layer layer : layers) {
            byte[] tar = layer.tar();
            String digest = digest(tar);
            blobs.put(digest, tar);
            diffIds.add(digest); // uncompressed: the diff ID is the layer's digest
            layerDescriptors.add(descriptor(LAYER, digest, tar.length));
        }
        Map<String, Object> imageConfig = new LinkedHashMap<>();
        imageConfig.put("architecture", "amd64");
        imageConfig.put("os", "linux");
        imageConfig.put("config", config.json());
        imageConfig.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        byte[] configJson = JSON.writeValueAsBytes(imageConfig);
        String configDigest = digest(configJson);
        blobs.put(configDigest, configJson);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MANIFEST);
        manifest.put("config", descriptor(CONFIG, configDigest, configJson.length));
        manifest.put("layers", layerDescriptors);
        byte[] manifestJson = JSON.writeValueAsBytes(manifest);
        String manifestDigest = digest(manifestJson);
        blobs.put(manifestDigest, manifestJson);
        Map<String, Object> entry = descriptor(MANIFEST, manifestDigest, manifestJson.length);
        entry.put("annotations", Map.of("io.containerd.image.name", reference,
                "org.opencontainers.image.ref.name", tag(reference)));
        byte[] index = JSON.writeValueAsBytes(Map.of("schemaVersion", 2, "manifests", List.of(entry)));

        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            put(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
            put(tar, "index.json", index);
            for (var blob : blobs.entrySet()) {
                put(tar, "blobs/sha256/" + blob.getKey().substring("sha256:".length()), blob.getValue());
            }
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        e.setModTime(0);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static Map<String, Object> descriptor(String mediaType, String digest, long size) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mediaType", mediaType);
        d.put("digest", digest);
        d.put("size", size);
        return d;
    }

    /** The tag of a reference (after the last ':' past the last '/'), "latest" if it has none. */
    static String tag(String reference) {
        int colon = reference.lastIndexOf(':');
        return colon > reference.lastIndexOf('/') ? reference.substring(colon + 1) : "latest";
    }

    static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.k8j.cri.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The OCI image layout k8j writes: each blob named by its digest, the index naming the image, a stable result. */
class OciArchiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Map<String, byte[]> entries(InputStream in) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                out.put(e.getName() + (e.isSymbolicLink() ? " -> " + e.getLinkName() : ""), tar.readAllBytes());
            }
        }
        return out;
    }

    @Test
    void anImageLayoutWithItsConfigManifestAndLayer() throws Exception {
        Path file = dir.resolve("app.tar");
        Layer layer = new Layer().dir("bin", 0755).file("bin/app", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), 0755)
                .symlink("bin/sh", "app");
        OciArchive.write(file, "docker.io/library/app:1.2", new OciArchive.Config(List.of("/bin/app"), List.of("serve"),
                List.of("PATH=/bin"), "/", "1000", List.of("80/tcp")), List.of(layer));
        Map<String, byte[]> archive = entries(Files.newInputStream(file));
        JsonNode index = JSON.readTree(archive.get("index.json"));
        JsonNode entry = index.path("manifests").get(0);
        assertThat(entry.at("/annotations/io.containerd.image.name").asText()).isEqualTo("docker.io/library/app:1.2");
        assertThat(entry.at("/annotations/org.opencontainers.image.ref.name").asText()).isEqualTo("1.2");
        JsonNode manifest = JSON.readTree(blob(archive, entry.path("digest").asText()));
        JsonNode config = JSON.readTree(blob(archive, manifest.at("/config/digest").asText()));
        assertThat(config.at("/config/Entrypoint/0").asText()).isEqualTo("/bin/app");
        assertThat(config.at("/config/Cmd/0").asText()).isEqualTo("serve");
        assertThat(config.at("/config/User").asText()).isEqualTo("1000");
        assertThat(config.at("/config/ExposedPorts").has("80/tcp")).isTrue();
        String layerDigest = manifest.at("/layers/0/digest").asText();
        assertThat(config.at("/rootfs/diff_ids/0").asText()).isEqualTo(layerDigest);
        for (String digest : List.of(entry.path("digest").asText(), layerDigest)) {
            assertThat(OciArchive.digest(blob(archive, digest))).isEqualTo(digest);
        }
        assertThat(entries(new ByteArrayInputStream(blob(archive, layerDigest)))).containsKeys("bin/", "bin/app", "bin/sh -> app");
    }

    @Test
    void theSameContentGivesTheSameDigests() throws Exception {
        Path a = dir.resolve("a.tar");
        Path b = dir.resolve("b.tar");
        OciArchive.Config config = new OciArchive.Config(null, List.of("sh"), List.of(), "/", null, List.of());
        OciArchive.write(a, "x:1", config, List.of(new Layer().file("f", new byte[]{1, 2}, 0644)));
        OciArchive.write(b, "x:1", config, List.of(new Layer().file("f", new byte[]{1, 2}, 0644)));
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }

    @Test
    void theBusyboxImageHasAnAppletPerSymlinkAndServesHttpByDefault() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestImages.available(), "needs busybox-static");
        List<Path> written = TestImages.write(dir);
        Map<String, byte[]> archive = entries(Files.newInputStream(written.get(0)));
        JsonNode entry = JSON.readTree(archive.get("index.json")).path("manifests").get(0);
        JsonNode manifest = JSON.readTree(blob(archive, entry.path("digest").asText()));
        JsonNode config = JSON.readTree(blob(archive, manifest.at("/config/digest").asText()));
        assertThat(config.at("/config/Cmd").toString()).isEqualTo("[\"httpd\",\"-f\",\"-v\",\"-p\",\"80\",\"-h\",\"/www\"]");
        assertThat(entries(new ByteArrayInputStream(blob(archive, manifest.at("/layers/0/digest").asText()))))
                .containsKeys("bin/busybox", "bin/sh -> busybox", "bin/httpd -> busybox", "bin/nslookup -> busybox",
                        "bin/tar -> busybox", "etc/passwd", "www/cgi-bin/index.cgi");
        assertThat(entry.at("/annotations/io.containerd.image.name").asText()).isEqualTo(TestImages.BUSYBOX);
    }

    private static byte[] blob(Map<String, byte[]> archive, String digest) {
        return archive.get("blobs/sha256/" + digest.substring("sha256:".length()));
    }
}

package io.k8j.kubelet.pod;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PodVolumesTest {
    @TempDir
    Path tmp;

    private final Map<String, String> cfgData = new java.util.LinkedHashMap<>(Map.of("a.conf", "A"));

    private final ConfigSource source = new ConfigSource() {
        @Override
        public ConfigMap configMap(String namespace, String name) {
            return name.equals("cfg") ? new ConfigMapBuilder().withData(cfgData).build() : null;
        }

        @Override
        public Secret secret(String namespace, String name) {
            return name.equals("sec") ? new SecretBuilder().withData(Map.of("token",
                    Base64.getEncoder().encodeToString("T".getBytes()))).build() : null;
        }

        @Override
        public PersistentVolumeClaim claim(String namespace, String name) {
            var b = new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().endSpec();
            return switch (name) {
                case "bound" -> b.editSpec().withVolumeName("pv-1").endSpec().build();
                case "pending" -> b.build();
                default -> null;
            };
        }

        @Override
        public TokenRequest serviceAccountToken(String namespace, String serviceAccount, TokenRequest request) {
            return new TokenRequestBuilder(request).withNewStatus().withToken("jwt-for-" + serviceAccount)
                    .withExpirationTimestamp("2099-01-01T00:00:00Z").endStatus().build();
        }

        @Override
        public PersistentVolume volume(String name) {
            return new PersistentVolumeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                    .withNewHostPath().withPath(tmp.resolve("storage").resolve(name).toString()).withType("DirectoryOrCreate")
                    .endHostPath().endSpec().build();
        }
    };

    private Map<String, Path> prepare(Volume... volumes) {
        return prepare(null, volumes);
    }

    private Map<String, Path> prepare(Long fsGroup, Volume... volumes) {
        Pod pod = new PodBuilder().withNewMetadata().withName("web").withNamespace("ns").withUid("u1")
                .withLabels(Map.of("app", "web", "tier", "front")).withAnnotations(Map.of("note", "say \"hi\""))
                .endMetadata().withNewSpec().withNodeName("n1").withServiceAccountName("robot").withVolumes(volumes)
                .withNewSecurityContext().withFsGroup(fsGroup).endSecurityContext().endSpec().build();
        return new PodVolumes(tmp.resolve("pods"), source, Map.of(), java.time.Clock.systemUTC()).prepare(pod, "127.0.0.9", "127.0.0.1");
    }

    @Test
    void downwardApiWritesLabelsAnnotationsAndFields() throws IOException {
        Path dir = prepare(new VolumeBuilder().withName("info").withNewDownwardAPI()
                .addNewItem().withPath("labels").withNewFieldRef().withFieldPath("metadata.labels").endFieldRef().endItem()
                .addNewItem().withPath("annotations").withNewFieldRef().withFieldPath("metadata.annotations").endFieldRef().endItem()
                .addNewItem().withPath("sub/name").withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endItem()
                .addNewItem().withPath("ip").withNewFieldRef().withFieldPath("status.podIP").endFieldRef().endItem()
                .endDownwardAPI().build()).get("info");

        assertThat(Files.readString(dir.resolve("labels"))).isEqualTo("app=\"web\"\ntier=\"front\"");
        assertThat(Files.readString(dir.resolve("annotations"))).isEqualTo("note=\"say \\\"hi\\\"\"");
        assertThat(Files.readString(dir.resolve("sub/name"))).isEqualTo("web");
        assertThat(Files.readString(dir.resolve("ip"))).isEqualTo("127.0.0.9");
    }

    @Test
    void projectedCombinesConfigMapSecretDownwardApiAndAToken() throws IOException {
        Path dir = prepare(new VolumeBuilder().withName("all").withNewProjected()
                .addNewSource().withNewConfigMap().withName("cfg").endConfigMap().endSource()
                .addNewSource().withNewSecret().withName("sec").endSecret().endSource()
                .addNewSource().withNewDownwardAPI().addNewItem().withPath("ns").withNewFieldRef()
                .withFieldPath("metadata.namespace").endFieldRef().endItem().endDownwardAPI().endSource()
                .addNewSource().withNewServiceAccountToken().withPath("token-sa").endServiceAccountToken().endSource()
                .endProjected().build()).get("all");

        assertThat(Files.readString(dir.resolve("a.conf"))).isEqualTo("A");
        assertThat(Files.readString(dir.resolve("token"))).isEqualTo("T");
        assertThat(Files.readString(dir.resolve("ns"))).isEqualTo("ns");
        assertThat(Files.readString(dir.resolve("token-sa"))).isEqualTo("jwt-for-robot");
    }

    @Test
    void filesTakeTheItemsModeElseTheVolumesDefaultModeElse0644() throws IOException {
        Map<String, Path> dirs = prepare(
                new VolumeBuilder().withName("sec").withNewSecret().withSecretName("sec").withDefaultMode(0400).endSecret().build(),
                new VolumeBuilder().withName("cfg").withNewConfigMap().withName("cfg").addNewItem().withKey("a.conf")
                        .withPath("conf/a").withMode(0600).endItem().endConfigMap().build(),
                new VolumeBuilder().withName("plain").withNewConfigMap().withName("cfg").endConfigMap().build(),
                new VolumeBuilder().withName("all").withNewProjected().withDefaultMode(0440)
                        .addNewSource().withNewSecret().withName("sec").endSecret().endSource()
                        .addNewSource().withNewServiceAccountToken().withPath("token-sa").endServiceAccountToken().endSource()
                        .endProjected().build());

        assertThat(mode(dirs.get("sec").resolve("token"))).isEqualTo("r--------");
        assertThat(mode(dirs.get("cfg").resolve("conf/a"))).isEqualTo("rw-------");
        assertThat(mode(dirs.get("plain").resolve("a.conf"))).isEqualTo("rw-r--r--");
        assertThat(mode(dirs.get("all").resolve("token"))).isEqualTo("r--r-----");
        assertThat(mode(dirs.get("all").resolve("token-sa"))).isEqualTo("r--r-----");
    }

    @Test
    void anFsGroupOwnsTheFilesAndMayReadThem() throws IOException {
        Path dir = prepare(2000L, new VolumeBuilder().withName("sec").withNewSecret().withSecretName("sec")
                .withDefaultMode(0400).addNewItem().withKey("token").withPath("sub/token").endItem().endSecret().build()).get("sec");

        Path file = dir.resolve("sub/token");
        assertThat(mode(file)).isEqualTo("r--r-----");
        for (Path p : new Path[] {file, file.getParent(), dir}) {
            assertThat(Files.getAttribute(p, "unix:gid")).as(p.toString()).isEqualTo(2000);
        }
        assertThat((Integer) Files.getAttribute(dir, "unix:mode") & 02050).as("setgid, group r-x").isEqualTo(02050);
    }

    @Test
    void aRewriteRestoresTheMode() throws IOException {
        Volume v = new VolumeBuilder().withName("sec").withNewSecret().withSecretName("sec").withDefaultMode(0400).endSecret().build();
        Path file = prepare(v).get("sec").resolve("token");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));

        prepare(v);

        assertThat(mode(file)).isEqualTo("r--------");
    }

    @Test
    void filesAreLinksThroughDataToATimestampedDirectoryReplacedWholeOnAChange() throws IOException {
        Volume v = new VolumeBuilder().withName("cfg").withNewConfigMap().withName("cfg").endConfigMap().build();
        Path dir = prepare(v).get("cfg");
        Path first = dir.resolve(Files.readSymbolicLink(dir.resolve("..data")));
        assertThat(first.getFileName().toString()).matches("\\.\\.\\d{4}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_\\d{2}\\.\\d+");
        assertThat(Files.readSymbolicLink(dir.resolve("a.conf"))).isEqualTo(Path.of("..data/a.conf"));
        assertThat(Files.readString(dir.resolve("a.conf"))).isEqualTo("A");

        prepare(v);
        assertThat(dir.resolve(Files.readSymbolicLink(dir.resolve("..data")))).as("unchanged: not rewritten").isEqualTo(first);

        cfgData.put("a.conf", "A2");
        cfgData.put("b.conf", "B");
        prepare(v);
        assertThat(Files.readString(dir.resolve("a.conf"))).isEqualTo("A2");
        assertThat(Files.readString(dir.resolve("b.conf"))).isEqualTo("B");
        assertThat(first).doesNotExist();

        cfgData.remove("a.conf");
        prepare(v);
        assertThat(dir.resolve("a.conf")).doesNotExist();
        try (var entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("..20"))).containsExactlyInAnyOrder("..data", "b.conf");
        }
    }

    @Test
    void aFileOfTheEarlierLayoutBecomesALink() throws IOException {
        Path dir = tmp.resolve("pods/u1/volumes/cfg");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("a.conf"), "old");

        prepare(new VolumeBuilder().withName("cfg").withNewConfigMap().withName("cfg").endConfigMap().build());

        assertThat(Files.isSymbolicLink(dir.resolve("a.conf"))).isTrue();
        assertThat(Files.readString(dir.resolve("a.conf"))).isEqualTo("A");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"../x", "..x", "/etc/x", "a/../../x"})
    void anItemPathOutsideTheVolumeIsRefused(String path) {
        assertThatThrownBy(() -> prepare(new VolumeBuilder().withName("cfg").withNewConfigMap().withName("cfg")
                .addNewItem().withKey("a.conf").withPath(path).endItem().endConfigMap().build()))
                .isInstanceOf(VolumeSetUpException.class).hasMessageContaining("item path " + path + " leaves the volume");
    }

    private static String mode(Path p) throws IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aBoundClaimIsItsVolumesHostDirectoryCreatedOnFirstUse() {
        Path dir = prepare(new VolumeBuilder().withName("data").withNewPersistentVolumeClaim().withClaimName("bound")
                .endPersistentVolumeClaim().build()).get("data");

        assertThat(dir).isEqualTo(tmp.resolve("storage/pv-1")).isDirectory();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "pending | persistentvolumeclaim \"pending\" is not bound",
            "nosuch  | persistentvolumeclaim \"nosuch\" not found",
    })
    void anUnusableClaimKeepsThePodWaiting(String claim, String message) {
        assertThatThrownBy(() -> prepare(new VolumeBuilder().withName("data").withNewPersistentVolumeClaim()
                .withClaimName(claim).endPersistentVolumeClaim().build()))
                .isInstanceOf(VolumeSetUpException.class).hasMessage("MountVolume.SetUp failed for volume \"data\" : " + message);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
            "DirectoryOrCreate | missing  | ok",
            "Directory         | missing  | hostPath type check failed",
            "Directory         | dir      | ok",
            "File              | dir      | hostPath type check failed",
            "FileOrCreate      | missing  | ok",
            "''                | missing  | ok",
    })
    void hostPathTypes(String type, String existing, String outcome) throws IOException {
        Path path = tmp.resolve("host").resolve("x");
        if (existing.equals("dir")) {
            Files.createDirectories(path);
        }
        Volume v = new VolumeBuilder().withName("h").withNewHostPath().withPath(path.toString())
                .withType(type.equals("''") ? "" : type).endHostPath().build();
        if (outcome.equals("ok")) {
            assertThat(prepare(v).get("h")).isEqualTo(path);
        } else {
            assertThatThrownBy(() -> prepare(v)).hasMessageContaining(outcome);
        }
    }
}

package io.k8j.controllers.volume;

import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalPathVolumesTest {

    @Test
    void aProvisionedVolumeIsAHostPathOnTheSelectedNodePreBoundToTheClaim() {
        var claim = new PersistentVolumeClaimBuilder().withNewMetadata().withName("data").withNamespace("ns").withUid("u-1")
                .endMetadata().withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().withRequests(Map.of("storage", new Quantity("2Gi"))).endResources().endSpec().build();
        var sc = new StorageClassBuilder().withNewMetadata().withName("local-path").endMetadata()
                .withProvisioner("rancher.io/local-path").withReclaimPolicy("Delete").build();

        var pv = LocalPathVolumes.volumeFor(claim, sc, "node-a", Path.of("/data/storage"));

        assertThat(pv.getMetadata().getName()).isEqualTo("pvc-u-1");
        assertThat(pv.getMetadata().getAnnotations()).containsEntry("pv.kubernetes.io/provisioned-by", "rancher.io/local-path");
        assertThat(pv.getSpec().getHostPath().getPath()).isEqualTo("/data/storage/pvc-u-1");
        assertThat(pv.getSpec().getHostPath().getType()).isEqualTo("DirectoryOrCreate");
        assertThat(pv.getSpec().getCapacity().get("storage")).isEqualTo(new Quantity("2Gi"));
        assertThat(pv.getSpec().getStorageClassName()).isEqualTo("local-path");
        assertThat(pv.getSpec().getPersistentVolumeReclaimPolicy()).isEqualTo("Delete");
        assertThat(pv.getSpec().getClaimRef().getUid()).isEqualTo("u-1");
        var term = pv.getSpec().getNodeAffinity().getRequired().getNodeSelectorTerms().get(0).getMatchExpressions().get(0);
        assertThat(List.of(term.getKey(), term.getOperator(), term.getValues().get(0)))
                .containsExactly("kubernetes.io/hostname", "In", "node-a");
    }

    @Test
    void onlyDirectoriesBelowTheRootAreRemoved(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("storage");
        Path inside = Files.createDirectories(root.resolve("pvc-1/sub"));
        Files.writeString(inside.resolve("f"), "x");
        Path outside = Files.createDirectories(tmp.resolve("elsewhere"));

        LocalPathDirectories.remove(root, hostPath("pvc-1", root.resolve("pvc-1")));
        LocalPathDirectories.remove(root, hostPath("evil", root.resolve("../elsewhere")));
        LocalPathDirectories.remove(root, hostPath("root", root));

        assertThat(root.resolve("pvc-1")).doesNotExist();
        assertThat(outside).exists();
        assertThat(root).exists();
    }

    private static io.fabric8.kubernetes.api.model.PersistentVolume hostPath(String name, Path path) {
        return new PersistentVolumeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .withNewHostPath().withPath(path.toString()).endHostPath().endSpec().build();
    }
}

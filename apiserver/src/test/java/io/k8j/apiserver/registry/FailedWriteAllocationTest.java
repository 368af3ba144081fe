package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.storage.StorageUnavailableException;
import io.k8j.storage.ValueTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.k8j.apiserver.registry.StoreFixture.WRITE;
import static io.k8j.apiserver.registry.StoreFixture.apiError;
import static io.k8j.apiserver.registry.StoreFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Node ports and cluster IPs a write reserved go back when the write is not stored, and only then. */
class FailedWriteAllocationTest {
    @RegisterExtension
    final StoreFixture f = new StoreFixture("ns");

    private GenericStore services() {
        return f.store("", "services");
    }

    private static ObjectNode nodePortService(String name, int nodePort, String labels) {
        return yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: %s, labels: {%s}}
                spec: {type: NodePort, selector: {app: web}, ports: [{port: 80, nodePort: %d}]}
                """.formatted(name, labels, nodePort));
    }

    @Test
    void aCreateRefusedAsAlreadyExistingReleasesItsNodePort() {
        services().create("ns", yaml("metadata: {name: web}\nspec: {ports: [{port: 80}]}"), WRITE);

        ApiException exists = apiError(() -> services().create("ns", nodePortService("web", 30080, ""), WRITE));
        assertThat(exists.code()).isEqualTo(409);

        ObjectNode replaced = services().update("ns", "web", nodePortService("web", 30080, ""), WRITE, null);
        assertThat(replaced.at("/spec/ports/0/nodePort").asInt()).isEqualTo(30080);
    }

    @Test
    void aCreateRefusedByMetadataValidationReleasesItsNodePort() {
        ApiException invalid = apiError(() -> services().create("ns", nodePortService("a", 30081, "app: 'not ok!'"), WRITE));
        assertThat(invalid.code()).isEqualTo(422);

        assertThat(services().create("ns", nodePortService("b", 30081, ""), WRITE).at("/spec/ports/0/nodePort").asInt())
                .isEqualTo(30081);
    }

    @Test
    void aCreateTheStoreRefusesReleasesItsNodePort() {
        f.storage.failNextCreate(new ValueTooLargeException("/services/ns/a", 2_000_000, 1_572_864));
        assertThatThrownBy(() -> services().create("ns", nodePortService("a", 30082, ""), WRITE))
                .isInstanceOf(ValueTooLargeException.class);

        assertThat(services().create("ns", nodePortService("b", 30082, ""), WRITE).at("/spec/ports/0/nodePort").asInt())
                .isEqualTo(30082);
    }

    @Test
    void aCreateWhoseOutcomeIsUnknownKeepsItsNodePort() {
        f.storage.failNextCreate(new StorageUnavailableException("etcd: leader changed", null));
        assertThatThrownBy(() -> services().create("ns", nodePortService("a", 30083, ""), WRITE))
                .isInstanceOf(StorageUnavailableException.class);

        ApiException taken = apiError(() -> services().create("ns", nodePortService("b", 30083, ""), WRITE));
        assertThat(taken.code()).isEqualTo(422);
        assertThat(taken.getMessage()).contains("provided port is already allocated");
    }
}

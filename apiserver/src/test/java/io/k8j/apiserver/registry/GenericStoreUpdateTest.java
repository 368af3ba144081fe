package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static io.k8j.apiserver.registry.StoreFixture.WRITE;
import static io.k8j.apiserver.registry.StoreFixture.apiError;
import static io.k8j.apiserver.registry.StoreFixture.causeFields;
import static io.k8j.apiserver.registry.StoreFixture.deployment;
import static org.assertj.core.api.Assertions.assertThat;

class GenericStoreUpdateTest {
    @RegisterExtension
    final StoreFixture f = new StoreFixture("ns");

    private static long generation(ObjectNode obj) {
        return obj.path("metadata").path("generation").asLong();
    }

    @Test
    void staleResourceVersionIsConflict() {
        ObjectNode v1 = f.configMap("ns", "a", "");
        ObjectNode first = v1.deepCopy();
        first.with("data").put("k", "first");
        f.configMaps().update("ns", "a", first, WRITE, null);

        ObjectNode second = v1.deepCopy();
        second.with("data").put("k", "second");
        ApiException e = apiError(() -> f.configMaps().update("ns", "a", second, WRITE, null));

        assertThat(e.code()).isEqualTo(409);
        assertThat(e.reason()).isEqualTo("Conflict");
        assertThat(e.getMessage()).isEqualTo("Operation cannot be fulfilled on configmaps \"a\": the object has been "
                + "modified; please apply your changes to the latest version and try again");
        assertThat(f.configMaps().get("ns", "a").at("/data/k").asText()).isEqualTo("first");
    }

    @Test
    void noResourceVersionIsUnconditional() {
        ObjectNode v1 = f.configMap("ns", "a", "");
        f.configMaps().update("ns", "a", v1.deepCopy().put("immutable", false), WRITE, null);

        ObjectNode blind = v1.deepCopy();
        Meta.of(blind).remove("resourceVersion");
        blind.with("data").put("k", "blind");
        ObjectNode updated = f.configMaps().update("ns", "a", blind, WRITE, null);

        assertThat(updated.at("/data/k").asText()).isEqualTo("blind");
        assertThat(Meta.uid(updated)).isEqualTo(Meta.uid(v1));
    }

    @Test
    void nameOnTheUrlMustMatchTheBody() {
        ObjectNode v1 = f.configMap("ns", "a", "");

        ApiException e = apiError(() -> f.configMaps().update("ns", "b", v1, WRITE, null));

        assertThat(e.code()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("the name of the object (a) does not match the name on the URL (b)");
    }

    /** kube's update handler: EnsureObjectNamespaceMatchesRequestNamespace. */
    @Test
    void namespaceOnTheUrlMustMatchTheBody() {
        ObjectNode moved = f.configMap("ns", "a", "");
        Meta.of(moved).put("namespace", "other");

        ApiException e = apiError(() -> f.configMaps().update("ns", "a", moved, WRITE, null));

        assertThat(e.code()).isEqualTo(400);
        assertThat(e.getMessage())
                .isEqualTo("the namespace of the provided object does not match the namespace sent on the request");
    }

    @Test
    void clusterScopedBodyNamespaceIsDropped() {
        ObjectNode ns = f.namespaces().get(null, "ns");
        Meta.of(ns).put("namespace", "stray").with("labels").put("team", "a");

        ObjectNode updated = f.namespaces().update(null, "ns", ns, WRITE, null);

        assertThat(Meta.namespace(updated)).isNull();
        assertThat(Meta.labels(updated)).containsEntry("team", "a");
    }

    @Test
    void renamingOrMovingThroughAChangeIsImmutable() {
        f.configMap("ns", "a", "");

        ApiException renamed = apiError(() -> f.configMaps().guaranteedUpdate("ns", "a",
                cur -> { Meta.of(cur).put("name", "b"); return cur; }, WRITE, null));
        ApiException moved = apiError(() -> f.configMaps().guaranteedUpdate("ns", "a",
                cur -> { Meta.of(cur).put("namespace", "other"); return cur; }, WRITE, null));

        assertThat(renamed.code()).isEqualTo(422);
        assertThat(causeFields(renamed)).containsExactly("metadata.name");
        assertThat(renamed.getMessage()).contains("metadata.name: Invalid value: \"b\": field is immutable");
        assertThat(moved.code()).isEqualTo(422);
        assertThat(causeFields(moved)).containsExactly("metadata.namespace");
    }

    @Test
    void serverManagedMetadataIsKept() {
        ObjectNode v1 = f.configMap("ns", "a", "");
        ObjectNode body = v1.deepCopy();
        Meta.of(body).put("uid", "forged").put("creationTimestamp", "2000-01-01T00:00:00Z");
        body.with("data").put("k", "v2");

        ObjectNode updated = f.configMaps().update("ns", "a", body, WRITE, null);

        assertThat(Meta.uid(updated)).isEqualTo(Meta.uid(v1));
        assertThat(Meta.text(updated, "creationTimestamp")).isEqualTo(Meta.text(v1, "creationTimestamp"));
    }

    @Test
    void generationBumpsOnSpecChangeOnly() {
        ObjectNode v1 = f.deployments().create("ns", deployment("web"), WRITE);

        ObjectNode relabelled = v1.deepCopy();
        Meta.of(relabelled).with("labels").put("tier", "front");
        ObjectNode v2 = f.deployments().update("ns", "web", relabelled, WRITE, null);

        ObjectNode scaled = v2.deepCopy();
        scaled.with("spec").put("replicas", 3);
        ObjectNode v3 = f.deployments().update("ns", "web", scaled, WRITE, null);

        assertThat(generation(v2)).isEqualTo(1);
        assertThat(Meta.labels(v2)).containsEntry("tier", "front");
        assertThat(generation(v3)).isEqualTo(2);
    }

    @Test
    void mainResourceUpdateKeepsStoredStatus() {
        ObjectNode v1 = f.deployments().create("ns", deployment("web"), WRITE);
        ObjectNode withStatus = v1.deepCopy();
        withStatus.putObject("status").put("replicas", 1).put("observedGeneration", 1);
        ObjectNode v2 = f.deployments().update("ns", "web", withStatus, WRITE, "status");

        ObjectNode body = v2.deepCopy();
        body.with("spec").put("replicas", 2);
        body.putObject("status").put("replicas", 42);
        ObjectNode v3 = f.deployments().update("ns", "web", body, WRITE, null);

        assertThat(v3.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(v3.get("status")).isEqualTo(v2.get("status"));
    }

    @Test
    void statusUpdateKeepsStoredSpecAndGeneration() {
        ObjectNode v1 = f.deployments().create("ns", deployment("web"), WRITE);
        ObjectNode body = v1.deepCopy();
        body.with("spec").put("replicas", 7);
        Meta.of(body).with("labels").put("sneaky", "yes");
        body.putObject("status").put("replicas", 1);

        ObjectNode v2 = f.deployments().update("ns", "web", body, WRITE, "status");

        assertThat(v2.at("/status/replicas").asInt()).isEqualTo(1);
        assertThat(v2.get("spec")).isEqualTo(v1.get("spec"));
        assertThat(Meta.labels(v2)).doesNotContainKey("sneaky");
        assertThat(generation(v2)).isEqualTo(1);
    }

    @Test
    void noOpUpdateWritesNothing() {
        ObjectNode v1 = f.configMap("ns", "a", "app: x");
        long revision = f.storage.currentRevision();
        f.clock.advance(Duration.ofMinutes(5));

        ObjectNode same = f.configMaps().update("ns", "a", v1.deepCopy(), WRITE, null);

        assertThat(Meta.resourceVersion(same)).isEqualTo(Meta.resourceVersion(v1));
        assertThat(f.storage.currentRevision()).isEqualTo(revision);
    }

    @Test
    void updateOfAMissingObjectIsNotFound() {
        ApiException e = apiError(() -> f.configMaps().update("ns", "ghost",
                StoreFixture.yaml("metadata: {name: ghost}"), WRITE, null));

        assertThat(e.code()).isEqualTo(404);
        assertThat(e.getMessage()).isEqualTo("configmaps \"ghost\" not found");
    }
}

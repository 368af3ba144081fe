package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.k8j.apiserver.registry.StoreFixture.DRY_RUN;
import static io.k8j.apiserver.registry.StoreFixture.WRITE;
import static io.k8j.apiserver.registry.StoreFixture.apiError;
import static io.k8j.apiserver.registry.StoreFixture.causeFields;
import static io.k8j.apiserver.registry.StoreFixture.deployment;
import static io.k8j.apiserver.registry.StoreFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class GenericStoreCreateTest {
    @RegisterExtension
    final StoreFixture f = new StoreFixture("ns");

    @Test
    void setsUidCreationTimestampAndResourceVersion() {
        ObjectNode cm = f.configMap("ns", "a", "app: x");

        assertThat(Meta.uid(cm)).matches("[0-9a-f-]{36}");
        assertThat(Meta.text(cm, "creationTimestamp")).isEqualTo("2025-03-04T05:06:07Z");
        assertThat(Meta.namespace(cm)).isEqualTo("ns");
        assertThat(Long.parseLong(Meta.resourceVersion(cm))).isPositive();
        assertThat(f.configMaps().get("ns", "a")).isEqualTo(cm);
        assertThat(cm.path("metadata").path("managedFields").get(0).path("manager").asText()).isEqualTo("test");
    }

    @Test
    void clientSuppliedServerFieldsAreReplaced() {
        ObjectNode cm = f.configMaps().create("ns", yaml("""
                metadata: {name: a, uid: mine, resourceVersion: "999", creationTimestamp: "2000-01-01T00:00:00Z",
                           deletionTimestamp: "2000-01-01T00:00:00Z", generation: 7}
                """), WRITE);

        assertThat(Meta.uid(cm)).isNotEqualTo("mine");
        assertThat(Meta.resourceVersion(cm)).isNotEqualTo("999");
        assertThat(Meta.text(cm, "creationTimestamp")).isEqualTo("2025-03-04T05:06:07Z");
        assertThat(cm.path("metadata").has("deletionTimestamp")).isFalse();
        assertThat(cm.path("metadata").has("generation")).isFalse();
    }

    @Test
    void generateNameAppendsFiveCharacters() {
        ObjectNode cm = f.configMaps().create("ns", yaml("metadata: {generateName: web-}"), WRITE);

        assertThat(Meta.name(cm)).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(f.configMaps().get("ns", Meta.name(cm))).isNotNull();
    }

    @Test
    void generateNameTruncatesLongPrefixes() {
        assertThat(NameGenerator.generate("x".repeat(70))).hasSize(63).startsWith("x".repeat(58));
    }

    @Test
    void existingNameIsAlreadyExists() {
        f.configMap("ns", "a", "");

        ApiException e = apiError(() -> f.configMap("ns", "a", ""));

        assertThat(e.code()).isEqualTo(409);
        assertThat(e.reason()).isEqualTo("AlreadyExists");
        assertThat(e.getMessage()).isEqualTo("configmaps \"a\" already exists");
    }

    @Test
    void missingNamespaceIsNotFound() {
        ApiException e = apiError(() -> f.configMap("x", "a", ""));

        assertThat(e.code()).isEqualTo(404);
        assertThat(e.getMessage()).isEqualTo("namespaces \"x\" not found");
    }

    @Test
    void terminatingNamespaceIsForbidden() {
        f.namespace("doomed");
        f.namespaces().delete(null, "doomed", DeleteOptions.defaults());

        ApiException e = apiError(() -> f.configMap("doomed", "a", ""));

        assertThat(e.code()).isEqualTo(403);
        assertThat(e.reason()).isEqualTo("Forbidden");
        assertThat(e.getMessage())
                .isEqualTo("unable to create new content in namespace doomed because it is being terminated");
        assertThat(e.status().at("/details/causes/0/reason").asText()).isEqualTo("NamespaceTerminating");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "metadata: {name: Bad_Name}                           | metadata.name",
            "metadata: {name: 'a/b'}                              | metadata.name",
            "metadata: {name: a, labels: {'-bad': x}}             | metadata.labels",
            "metadata: {name: a, labels: {ok: 'not a value!'}}    | metadata.labels",
            "metadata: {name: a, annotations: {'a/b/c': x}}       | metadata.annotations",
            "metadata: {labels: {a: b}}                           | metadata.name",
    })
    void invalidMetadataIsUnprocessable(String yaml, String field) {
        ApiException e = apiError(() -> f.configMaps().create("ns", yaml(yaml), WRITE));

        assertThat(e.code()).isEqualTo(422);
        assertThat(e.reason()).isEqualTo("Invalid");
        assertThat(causeFields(e)).containsExactly(field);
        assertThat(f.configMaps().list("ns", ListOptions.all()).items()).isEmpty();
    }

    @Test
    void dryRunReturnsTheObjectAndStoresNothing() {
        long before = f.storage.currentRevision();

        ObjectNode cm = f.configMaps().create("ns", yaml("metadata: {name: a}"), DRY_RUN);

        assertThat(Meta.name(cm)).isEqualTo("a");
        assertThat(Meta.uid(cm)).isNotNull();
        assertThat(f.storage.currentRevision()).isEqualTo(before);
        assertThat(apiError(() -> f.configMaps().get("ns", "a")).code()).isEqualTo(404);
    }

    /** kube's dry-run create reads the key too: an existing name is AlreadyExists, not a pretend success. */
    @Test
    void dryRunOfAnExistingNameIsAlreadyExists() {
        f.configMap("ns", "a", "");

        ApiException e = apiError(() -> f.configMaps().create("ns", yaml("metadata: {name: a}"), DRY_RUN));

        assertThat(e.code()).isEqualTo(409);
    }

    @Test
    void deploymentStartsAtGenerationOneWithAnEmptyStatus() {
        ObjectNode d = deployment("web");
        d.putObject("status").put("replicas", 5).put("observedGeneration", 9);

        ObjectNode created = f.deployments().create("ns", d, WRITE);

        assertThat(created.path("metadata").path("generation").asLong()).isEqualTo(1);
        assertThat(created.get("status")).as("the client's status is dropped; kube returns {}").isEqualTo(io.k8j.api.Json.object());
    }

    @Test
    void clusterScopedObjectsDropTheNamespace() {
        ObjectNode ns = f.namespaces().create("ignored", yaml("metadata: {name: other, namespace: stray}"), WRITE);

        assertThat(Meta.namespace(ns)).isNull();
        assertThat(ns.at("/status/phase").asText()).isEqualTo("Active");
    }
}

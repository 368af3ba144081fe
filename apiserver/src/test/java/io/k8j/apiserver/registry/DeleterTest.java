package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.k8j.apiserver.registry.StoreFixture.WRITE;
import static io.k8j.apiserver.registry.StoreFixture.apiError;
import static io.k8j.apiserver.registry.StoreFixture.deployment;
import static io.k8j.apiserver.registry.StoreFixture.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class DeleterTest {
    @RegisterExtension
    final StoreFixture f = new StoreFixture("ns");

    private static DeleteOptions propagation(String policy) {
        return new DeleteOptions(null, policy, null, null, false);
    }

    private static DeleteOptions grace(long seconds) {
        return new DeleteOptions(seconds, null, null, null, false);
    }

    private boolean exists(GenericStore store, String name) {
        try {
            store.get("ns", name);
            return true;
        } catch (ApiException e) {
            assertThat(e.code()).isEqualTo(404);
            return false;
        }
    }

    private ObjectNode withFinalizer(String name) {
        return f.configMaps().create("ns", yaml("metadata: {name: " + name + ", finalizers: [example.com/hold]}"), WRITE);
    }

    @Test
    void objectWithoutFinalizersIsGone() {
        f.configMap("ns", "a", "");

        Deleter.Result result = f.configMaps().delete("ns", "a", DeleteOptions.defaults());

        assertThat(result.deleted()).isTrue();
        assertThat(Meta.name(result.object())).isEqualTo("a");
        assertThat(exists(f.configMaps(), "a")).isFalse();
    }

    @Test
    void deletingAMissingObjectIsNotFound() {
        ApiException e = apiError(() -> f.configMaps().delete("ns", "ghost", DeleteOptions.defaults()));

        assertThat(e.code()).isEqualTo(404);
        assertThat(e.getMessage()).isEqualTo("configmaps \"ghost\" not found");
    }

    @Test
    void finalizersHoldTheObjectUntilTheLastIsRemoved() {
        withFinalizer("a");

        Deleter.Result result = f.configMaps().delete("ns", "a", DeleteOptions.defaults());

        assertThat(result.deleted()).isFalse();
        ObjectNode marked = f.configMaps().get("ns", "a");
        assertThat(Meta.text(marked, "deletionTimestamp")).isEqualTo("2025-03-04T05:06:07Z");
        assertThat(marked.at("/metadata/deletionGracePeriodSeconds").asLong(-1)).isZero();

        ObjectNode released = marked.deepCopy();
        Meta.setFinalizers(released, List.of());
        f.configMaps().update("ns", "a", released, WRITE, null);

        assertThat(exists(f.configMaps(), "a")).isFalse();
    }

    @Test
    void removingOneOfTwoFinalizersKeepsTheObject() {
        f.configMaps().create("ns", yaml("metadata: {name: a, finalizers: [one, two]}"), WRITE);
        f.configMaps().delete("ns", "a", DeleteOptions.defaults());

        ObjectNode body = f.configMaps().get("ns", "a");
        Meta.setFinalizers(body, List.of("two"));
        f.configMaps().update("ns", "a", body, WRITE, null);

        assertThat(Meta.finalizers(f.configMaps().get("ns", "a"))).containsExactly("two");
    }

    /** apiserver's markAsDeleting bumps generation for objects that track it. */
    @Test
    void markingAGenerationTrackingObjectBumpsGeneration() {
        ObjectNode d = deployment("web");
        Meta.setFinalizers(d, List.of("example.com/hold"));
        f.deployments().create("ns", d, WRITE);

        f.deployments().delete("ns", "web", DeleteOptions.defaults());

        assertThat(f.deployments().get("ns", "web").at("/metadata/generation").asLong()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"Orphan, orphan", "Foreground, foregroundDeletion"})
    void propagationPolicyBecomesAFinalizer(String policy, String finalizer) {
        f.configMap("ns", "a", "");

        Deleter.Result result = f.configMaps().delete("ns", "a", propagation(policy));

        assertThat(result.deleted()).isFalse();
        ObjectNode marked = f.configMaps().get("ns", "a");
        assertThat(Meta.finalizers(marked)).containsExactly(finalizer);
        assertThat(Meta.isDeleting(marked)).isTrue();
    }

    @Test
    void backgroundPropagationDeletesAtOnce() {
        f.configMap("ns", "a", "");

        assertThat(f.configMaps().delete("ns", "a", propagation("Background")).deleted()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "uid     | Precondition failed: UID in precondition: wrong, UID in object meta: ",
            "version | Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in meta: ",
    })
    void failedPreconditionIsConflict(String which, String message) {
        ObjectNode cm = f.configMap("ns", "a", "");
        DeleteOptions options = which.equals("uid") ? new DeleteOptions(null, null, "wrong", null, false)
                : new DeleteOptions(null, null, null, "1", false);

        ApiException e = apiError(() -> f.configMaps().delete("ns", "a", options));

        assertThat(e.code()).isEqualTo(409);
        assertThat(e.reason()).isEqualTo("Conflict");
        assertThat(e.getMessage()).contains(message);
        assertThat(exists(f.configMaps(), "a")).isTrue();
        assertThat(f.configMaps().delete("ns", "a", new DeleteOptions(null, null, Meta.uid(cm),
                Meta.resourceVersion(cm), false)).deleted()).isTrue();
    }

    @Test
    void boundPodGetsItsGracePeriod() {
        f.pods().create("ns", StoreFixture.pod("p", "node-1"), WRITE);

        Deleter.Result result = f.pods().delete("ns", "p", DeleteOptions.defaults());

        assertThat(result.deleted()).isFalse();
        ObjectNode pod = f.pods().get("ns", "p");
        assertThat(Meta.text(pod, "deletionTimestamp")).isEqualTo("2025-03-04T05:06:37Z");
        assertThat(pod.at("/metadata/deletionGracePeriodSeconds").asLong()).isEqualTo(30);
    }

    @Test
    void boundPodHonoursTheRequestedGracePeriodAndCanBeShortened() {
        f.pods().create("ns", StoreFixture.pod("p", "node-1"), WRITE);
        f.pods().delete("ns", "p", grace(60));

        f.pods().delete("ns", "p", grace(10));

        ObjectNode pod = f.pods().get("ns", "p");
        assertThat(Meta.text(pod, "deletionTimestamp")).isEqualTo("2025-03-04T05:06:17Z");
        assertThat(pod.at("/metadata/deletionGracePeriodSeconds").asLong()).isEqualTo(10);
    }

    @Test
    void unboundPodGoesAtOnce() {
        f.pods().create("ns", StoreFixture.pod("p", ""), WRITE);

        assertThat(f.pods().delete("ns", "p", DeleteOptions.defaults()).deleted()).isTrue();
        assertThat(exists(f.pods(), "p")).isFalse();
    }

    @Test
    void zeroGracePeriodDeletesABoundPodAtOnce() {
        f.pods().create("ns", StoreFixture.pod("p", "node-1"), WRITE);
        f.pods().delete("ns", "p", DeleteOptions.defaults());

        assertThat(f.pods().delete("ns", "p", grace(0)).deleted()).isTrue();
        assertThat(exists(f.pods(), "p")).isFalse();
    }

    @Test
    void dryRunDeletesNothing() {
        f.configMap("ns", "a", "");

        Deleter.Result result = f.configMaps().delete("ns", "a", new DeleteOptions(null, null, null, null, true));

        assertThat(result.deleted()).isTrue();
        assertThat(exists(f.configMaps(), "a")).isTrue();
    }

    @Test
    void deleteCollectionHonoursTheSelector() {
        f.configMap("ns", "a", "app: x");
        f.configMap("ns", "b", "app: y");
        withFinalizer("c");

        List<ObjectNode> deleted = f.configMaps().deleteCollection("ns",
                ListOptions.selecting(io.k8j.api.selector.LabelSelector.parse("app!=y"),
                        io.k8j.api.selector.FieldSelector.everything()), DeleteOptions.defaults());

        assertThat(deleted).extracting(Meta::name).containsExactly("a", "c");
        assertThat(exists(f.configMaps(), "a")).isFalse();
        assertThat(exists(f.configMaps(), "b")).isTrue();
        assertThat(Meta.isDeleting(f.configMaps().get("ns", "c"))).isTrue();
    }
}

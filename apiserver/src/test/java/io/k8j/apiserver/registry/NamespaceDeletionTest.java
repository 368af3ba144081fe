package io.k8j.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.ApiException;
import io.k8j.api.selector.FieldSelector;
import io.k8j.api.selector.LabelSelector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import static io.k8j.apiserver.registry.StoreFixture.WRITE;
import static io.k8j.apiserver.registry.StoreFixture.apiError;
import static io.k8j.apiserver.registry.StoreFixture.names;
import static org.assertj.core.api.Assertions.assertThat;

/** A namespace's deletion: Terminating until the namespace controller clears spec.finalizers. */
class NamespaceDeletionTest {
    @RegisterExtension
    final StoreFixture f = new StoreFixture();

    /** What the finalize subresource does: replace spec.finalizers, nothing else. */
    private ObjectNode finalize(String name) {
        return f.namespaces().guaranteedUpdate(null, name, cur -> {
            cur.with("spec").remove("finalizers");
            return cur;
        }, WRITE, "finalize");
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "kube-system", "kube-public"})
    void systemNamespacesMayNotBeDeleted(String name) {
        f.namespace(name);

        ApiException e = apiError(() -> f.namespaces().delete(null, name, DeleteOptions.defaults()));

        assertThat(e.code()).isEqualTo(403);
        assertThat(e.getMessage()).isEqualTo("namespaces \"" + name + "\" is forbidden: this namespace may not be deleted");
        assertThat(Meta.isDeleting(f.namespaces().get(null, name))).isFalse();
    }

    @Test
    void createdNamespaceCarriesTheKubernetesFinalizer() {
        ObjectNode ns = f.namespace("team");

        assertThat(ns.at("/spec/finalizers").toString()).isEqualTo("[\"kubernetes\"]");
        assertThat(Meta.labels(ns)).containsEntry("kubernetes.io/metadata.name", "team");
    }

    @Test
    void deletedNamespaceIsTerminatingUntilFinalized() {
        f.namespace("team");

        Deleter.Result result = f.namespaces().delete(null, "team", DeleteOptions.defaults());

        assertThat(result.deleted()).isFalse();
        ObjectNode ns = f.namespaces().get(null, "team");
        assertThat(ns.at("/status/phase").asText()).isEqualTo("Terminating");
        assertThat(Meta.isDeleting(ns)).isTrue();
        assertThat(names(f.namespaces().list(null, ListOptions.selecting(LabelSelector.everything(),
                FieldSelector.parse("status.phase=Terminating"))))).containsExactly("team");

        finalize("team");

        assertThat(apiError(() -> f.namespaces().get(null, "team")).code()).isEqualTo(404);
    }

    @Test
    void ordinaryUpdateCannotDropSpecFinalizers() {
        ObjectNode ns = f.namespace("team");
        ns.with("spec").remove("finalizers");

        ObjectNode updated = f.namespaces().update(null, "team", ns, WRITE, null);

        assertThat(updated.at("/spec/finalizers/0").asText()).isEqualTo("kubernetes");
    }

    @Test
    void finalizeBeforeDeletionJustClearsTheList() {
        f.namespace("team");

        ObjectNode ns = finalize("team");

        assertThat(ns.at("/spec/finalizers").isMissingNode()).isTrue();
        assertThat(ns.at("/status/phase").asText()).isEqualTo("Active");
        assertThat(f.namespaces().delete(null, "team", DeleteOptions.defaults()).deleted()).isTrue();
    }
}

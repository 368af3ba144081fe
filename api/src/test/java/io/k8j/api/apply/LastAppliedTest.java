package io.k8j.api.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.k8j.api.patch.Patches;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.k8j.api.patch.JsonText.json;
import static io.k8j.api.patch.JsonText.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** kubectl apply, then kubectl apply --server-side with a changed manifest. */
class LastAppliedTest {
    private static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-01T11:00:00Z");
    private static final String MANIFEST = "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'demo'},'spec':{'replicas':%d}}";

    /** What client-side apply leaves: the manifest plus its annotation, owned by kubectl-client-side-apply. */
    private static ObjectNode clientSideApplied() {
        ObjectNode obj = obj(String.format(MANIFEST, 1));
        obj.with("metadata").putObject("annotations").put(LastApplied.ANNOTATION, String.format(MANIFEST, 1).replace('\'', '"') + "\n");
        return ManagedFields.recordUpdate(null, obj, "kubectl-client-side-apply", "apps/v1", "Update", T1);
    }

    private static ApplyResult serverSide(ObjectNode live, String manager, int replicas) {
        return ServerSideApply.apply(live, obj(String.format(MANIFEST, replicas)), manager, false, Deployment.class, "apps/v1", T2);
    }

    @Test
    void kubectlTakesOverWhatItLastAppliedClientSide() {
        ApplyResult r = serverSide(clientSideApplied(), "kubectl", 3);
        assertThat(r.object().at("/spec/replicas").asInt()).isEqualTo(3);
        String annotation = r.object().at("/metadata/annotations").get(LastApplied.ANNOTATION).asText();
        assertThat(json(annotation)).isEqualTo(json(String.format(MANIFEST, 3)));
        assertThat(annotation).startsWith("{\"apiVersion\":\"apps/v1\",\"kind\"").endsWith("}\n");
    }

    @Test
    void otherManagersStillConflict() {
        assertThatThrownBy(() -> serverSide(clientSideApplied(), "my-operator", 3))
                .isInstanceOf(ApplyConflictException.class);
    }

    @Test
    void fieldsChangedSinceTheLastClientSideApplyStillConflict() {
        ObjectNode live = clientSideApplied();
        ObjectNode scaled = ManagedFields.recordUpdate(live, Patches.mergePatch(live, json("{'spec':{'replicas':5}}")),
                "kubectl-client-side-apply", "apps/v1", "Update", T1);
        assertThatThrownBy(() -> serverSide(scaled, "kubectl", 3))
                .isInstanceOfSatisfying(ApplyConflictException.class,
                        e -> assertThat(e.conflicts()).extracting(ApplyConflictException.Conflict::field).containsExactly(".spec.replicas"));
    }
}

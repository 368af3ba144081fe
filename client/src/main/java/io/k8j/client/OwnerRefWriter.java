package io.k8j.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites an object's ownerReferences by merge patch pinned to the resourceVersion the decision was
 * made on, so that a concurrent change makes the write fail (409) and the caller re-decides.
 */
public final class OwnerRefWriter {
    private final KubernetesClient client;

    public OwnerRefWriter(KubernetesClient client) {
        this.client = client;
    }

    /** Adds a controller reference to {@code owner}. */
    public void adopt(HasMetadata obj, HasMetadata owner) {
        List<OwnerReference> refs = new ArrayList<>(refs(obj));
        refs.add(OwnerRefs.controllerRef(owner));
        write(obj, refs);
    }

    /** Removes every reference to the owner with {@code ownerUid}. */
    public void release(HasMetadata obj, String ownerUid) {
        write(obj, refs(obj).stream().filter(r -> !r.getUid().equals(ownerUid)).toList());
    }

    private static List<OwnerReference> refs(HasMetadata obj) {
        List<OwnerReference> refs = obj.getMetadata().getOwnerReferences();
        return refs == null ? List.of() : refs;
    }

    private void write(HasMetadata obj, List<OwnerReference> refs) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("resourceVersion", obj.getMetadata().getResourceVersion());
        meta.put("ownerReferences", refs.isEmpty() ? null : refs);
        String patch = client.getKubernetesSerialization().asJson(Map.of("metadata", meta));
        client.resource(obj).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }
}

package io.k8j.controllers.gc;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One pass over one object: carry out its orphan or foreground finalizer, or collect it if its owners are gone. */
final class GcSync {
    static final String ORPHAN = "orphan";
    static final String FOREGROUND = "foregroundDeletion";
    private static final Duration WAIT_FOR_DEPENDENTS = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers;
    private final Map<String, ResourceDefinitionContext> resources;

    GcSync(KubernetesClient client, Map<String, SharedIndexInformer<GenericKubernetesResource>> informers,
           Map<String, ResourceDefinitionContext> resources) {
        this.client = client;
        this.informers = informers;
        this.resources = resources;
    }

    Duration reconcile(String keyString) {
        ObjectKey key = ObjectKey.parse(keyString);
        SharedIndexInformer<GenericKubernetesResource> informer = informers.get(key.resource());
        GenericKubernetesResource obj = informer == null ? null : informer.getStore().getByKey(key.storeKey());
        if (obj == null) {
            return null;
        }
        List<String> finalizers = obj.getMetadata().getFinalizers() == null ? List.of() : obj.getMetadata().getFinalizers();
        if (obj.getMetadata().getDeletionTimestamp() != null && finalizers.contains(ORPHAN)) {
            dependents(obj).forEach(d -> writeOwners(d.getKey(), d.getValue(), without(d.getValue(), obj.getMetadata().getUid())));
            removeFinalizer(key, obj, ORPHAN);
            return null;
        }
        if (obj.getMetadata().getDeletionTimestamp() != null && finalizers.contains(FOREGROUND)) {
            return deleteForeground(key, obj);
        }
        OwnerDecision decision = OwnerDecision.of(obj.getMetadata().getOwnerReferences(), ref -> ownerExists(ref, key));
        switch (decision.action()) {
            case DELETE -> at(key).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            case REMOVE_DANGLING -> writeOwners(key, obj, decision.remaining());
            case KEEP -> { }
        }
        return null;
    }

    /** Dependents go first (in the foreground themselves); the owner follows once none that blocks it is left. */
    private Duration deleteForeground(ObjectKey key, GenericKubernetesResource owner) {
        boolean blocked = false;
        for (Map.Entry<ObjectKey, GenericKubernetesResource> d : dependents(owner)) {
            if (d.getValue().getMetadata().getDeletionTimestamp() == null) {
                at(d.getKey()).withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
            }
            blocked |= d.getValue().getMetadata().getOwnerReferences().stream()
                    .anyMatch(r -> r.getUid().equals(owner.getMetadata().getUid()) && Boolean.TRUE.equals(r.getBlockOwnerDeletion()));
        }
        if (blocked) {
            return WAIT_FOR_DEPENDENTS;
        }
        removeFinalizer(key, owner, FOREGROUND);
        return null;
    }

    /** Cache first; an owner missing from the cache is looked up live, since the cache may lag behind. */
    private boolean ownerExists(OwnerReference ref, ObjectKey dependent) {
        ResourceDefinitionContext ctx = resources.get(ref.getApiVersion() + "|" + ref.getKind());
        if (ctx == null) {
            return true; // a resource we cannot look up: never collect on a guess
        }
        ObjectKey owner = new ObjectKey(ref.getApiVersion() + "|" + ref.getKind(),
                ctx.isNamespaceScoped() ? dependent.namespace() : "", ref.getName());
        SharedIndexInformer<GenericKubernetesResource> informer = informers.get(owner.resource());
        GenericKubernetesResource cached = informer == null ? null : informer.getStore().getByKey(owner.storeKey());
        if (cached != null && ref.getUid().equals(cached.getMetadata().getUid())) {
            return true;
        }
        GenericKubernetesResource live = at(owner).get();
        return live != null && ref.getUid().equals(live.getMetadata().getUid());
    }

    private List<Map.Entry<ObjectKey, GenericKubernetesResource>> dependents(GenericKubernetesResource owner) {
        List<Map.Entry<ObjectKey, GenericKubernetesResource>> out = new ArrayList<>();
        informers.forEach((id, i) -> i.getIndexer().byIndex(GarbageCollector.OWNER_INDEX, owner.getMetadata().getUid())
                .forEach(d -> out.add(Map.entry(ObjectKey.of(id, d), d))));
        return out;
    }

    private static List<OwnerReference> without(GenericKubernetesResource obj, String uid) {
        return obj.getMetadata().getOwnerReferences().stream().filter(r -> !r.getUid().equals(uid)).toList();
    }

    private void writeOwners(ObjectKey key, GenericKubernetesResource obj, List<OwnerReference> refs) {
        patchMetadata(key, obj, "ownerReferences", refs.isEmpty() ? null : refs);
    }

    private void removeFinalizer(ObjectKey key, GenericKubernetesResource obj, String finalizer) {
        List<String> rest = obj.getMetadata().getFinalizers().stream().filter(f -> !f.equals(finalizer)).toList();
        patchMetadata(key, obj, "finalizers", rest.isEmpty() ? null : rest);
    }

    /** Merge patch pinned to the cached resourceVersion: a concurrent change fails it (409) and the key is retried. */
    private void patchMetadata(ObjectKey key, GenericKubernetesResource obj, String field, Object value) {
        Map<String, Object> meta = new HashMap<>();
        meta.put("resourceVersion", obj.getMetadata().getResourceVersion());
        meta.put(field, value);
        at(key).patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(Map.of("metadata", meta)));
    }

    private Resource<GenericKubernetesResource> at(ObjectKey key) {
        var op = client.genericKubernetesResources(resources.get(key.resource()));
        return key.namespace().isEmpty() ? op.withName(key.name()) : op.inNamespace(key.namespace()).withName(key.name());
    }
}

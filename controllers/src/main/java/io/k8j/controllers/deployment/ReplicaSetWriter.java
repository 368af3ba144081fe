package io.k8j.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.k8j.client.EventRecorder;
import io.k8j.client.OwnerRefs;

import java.util.HashMap;
import java.util.Map;

/** The Deployment controller's writes to ReplicaSets and to the Deployment, each with its event. */
final class ReplicaSetWriter {
    private final KubernetesClient client;
    private final EventRecorder events;

    ReplicaSetWriter(KubernetesClient client, EventRecorder events) {
        this.client = client;
        this.events = events;
    }

    ReplicaSet create(Deployment d, ReplicaSet rs) {
        ReplicaSet created = client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(rs).create();
        int replicas = created.getSpec().getReplicas();
        if (replicas > 0) {
            scaled(d, created.getMetadata().getName(), 0, replicas);
        }
        return created;
    }

    /** Sets spec.replicas and the replica annotations, as kube's scaleReplicaSet does. */
    void scale(Deployment d, ReplicaSet rs, int replicas) {
        int from = Revisions.replicas(rs);
        patch(rs, Map.of("metadata", Map.of("annotations", NewReplicaSets.replicaAnnotations(d)),
                "spec", Map.of("replicas", replicas)));
        scaled(d, rs.getMetadata().getName(), from, replicas);
    }

    /** Merges {@code annotations} into the ReplicaSet's (a null value removes one). */
    void annotate(ReplicaSet rs, Map<String, String> annotations) {
        patch(rs, Map.of("metadata", Map.of("annotations", annotations)));
    }

    void delete(ReplicaSet rs) {
        client.apps().replicaSets().resource(rs).delete();
    }

    /** The Deployment carries the revision of its current ReplicaSet, which {@code rollout history} shows. */
    void setRevision(Deployment d, String revision) {
        Map<String, String> a = new HashMap<>();
        a.put(Revisions.REVISION, revision);
        client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), json(Map.of("metadata", Map.of("annotations", a))));
    }

    /**
     * The new ReplicaSet's name is taken. If by our own ReplicaSet for this template, the cache is just
     * behind; otherwise raise status.collisionCount so that the next hash, and name, differ.
     */
    void bumpCollisionCountIfForeign(Deployment d) {
        String name = d.getMetadata().getName() + "-" + NewReplicaSets.hash(d);
        ReplicaSet existing = client.apps().replicaSets().inNamespace(d.getMetadata().getNamespace()).withName(name).get();
        if (existing != null && OwnerRefs.isControlledBy(existing, d)
                && TemplateHash.equalIgnoringHash(existing.getSpec().getTemplate(), d.getSpec().getTemplate())) {
            return;
        }
        Integer count = d.getStatus() == null ? null : d.getStatus().getCollisionCount();
        writeStatus(d, Map.of("collisionCount", count == null ? 1 : count + 1));
    }

    void writeStatus(Deployment d, Object status) {
        client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName())
                .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), json(Map.of("status", status)));
    }

    private void patch(ReplicaSet rs, Map<String, Object> body) {
        client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).withName(rs.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), json(body));
    }

    private void scaled(Deployment d, String rs, int from, int to) {
        String direction = to > from ? "up" : "down";
        events.record(d, "Normal", "ScalingReplicaSet", "Scaled " + direction + " replica set " + rs + " from " + from + " to " + to);
    }

    private String json(Object o) {
        return client.getKubernetesSerialization().asJson(o);
    }
}

package io.k8j.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.Claims;
import io.k8j.client.EventRecorder;
import io.k8j.client.Expectations;
import io.k8j.client.Keys;
import io.k8j.client.OwnerRefWriter;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One level-triggered pass over a ReplicaSet: claim pods, create or delete towards spec.replicas, write status. */
final class ReplicaSetSync {
    /** kube's burstReplicas: at most this many creations or deletions per pass. */
    static final int BURST = 500;

    private final KubernetesClient client;
    private final Indexer<ReplicaSet> replicaSets;
    private final Indexer<Pod> pods;
    private final Expectations expectations;
    private final EventRecorder events;
    private final OwnerRefWriter owners;
    private final Clock clock;

    ReplicaSetSync(KubernetesClient client, Indexer<ReplicaSet> replicaSets, Indexer<Pod> pods,
                   Expectations expectations, EventRecorder events, Clock clock) {
        this.client = client;
        this.replicaSets = replicaSets;
        this.pods = pods;
        this.expectations = expectations;
        this.events = events;
        this.owners = new OwnerRefWriter(client);
        this.clock = clock;
    }

    Duration reconcile(String key) {
        ReplicaSet rs = replicaSets.getByKey(key);
        if (rs == null) {
            expectations.forget(key);
            return null;
        }
        List<Pod> active = pods.byIndex("namespace", rs.getMetadata().getNamespace()).stream()
                .filter(PodReadiness::isActive).toList();
        Claims<Pod> claims = Claims.of(rs, rs.getSpec().getSelector(), active);
        claims.adopt().forEach(p -> owners.adopt(p, rs));
        claims.release().forEach(p -> owners.release(p, rs.getMetadata().getUid()));
        List<Pod> mine = claims.claimed();
        boolean complete = true;
        if (expectations.satisfied(key) && rs.getMetadata().getDeletionTimestamp() == null) {
            complete = manage(key, rs, mine);
        }
        ReplicaSetStatus status = StatusCalculator.calculate(rs, mine, clock.instant());
        if (!StatusCalculator.same(status, rs.getStatus())) {
            client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).withName(rs.getMetadata().getName())
                    .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                            client.getKubernetesSerialization().asJson(Map.of("status", status)));
        }
        if (!complete) {
            throw new IllegalStateException("not all pods of " + key + " could be created or deleted");
        }
        return StatusCalculator.waitingForMinReady(rs, status)
                ? Duration.ofSeconds(rs.getSpec().getMinReadySeconds()) : null;
    }

    /** Creates or deletes pods towards spec.replicas; false when some request failed. */
    private boolean manage(String key, ReplicaSet rs, List<Pod> mine) {
        int wanted = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
        int diff = mine.size() - wanted;
        if (diff < 0) {
            int count = Math.min(-diff, BURST);
            expectations.expect(key, count, java.util.Set.of());
            int created = SlowStart.run(count, i -> create(rs));
            for (int i = created; i < count; i++) {
                expectations.creationObserved(key);
            }
            return created == count;
        }
        if (diff > 0) {
            List<Pod> victims = DeletionOrder.victims(mine, Math.min(diff, BURST));
            expectations.expect(key, 0, victims.stream().map(Keys::of).collect(Collectors.toSet()));
            return victims.stream().map(p -> delete(key, rs, p)).reduce(true, Boolean::logicalAnd);
        }
        return true;
    }

    private boolean create(ReplicaSet rs) {
        try {
            Pod pod = client.pods().inNamespace(rs.getMetadata().getNamespace()).resource(PodTemplates.podFor(rs)).create();
            events.record(rs, "Normal", "SuccessfulCreate", "Created pod: " + pod.getMetadata().getName());
            return true;
        } catch (KubernetesClientException e) {
            events.record(rs, "Warning", "FailedCreate", "Error creating: " + e.getMessage());
            return false;
        }
    }

    private boolean delete(String key, ReplicaSet rs, Pod pod) {
        try {
            client.pods().resource(pod).delete();
            events.record(rs, "Normal", "SuccessfulDelete", "Deleted pod: " + pod.getMetadata().getName());
            return true;
        } catch (KubernetesClientException e) {
            expectations.deletionObserved(key, Keys.of(pod));
            events.record(rs, "Warning", "FailedDelete", "Error deleting: " + e.getMessage());
            return false;
        }
    }
}

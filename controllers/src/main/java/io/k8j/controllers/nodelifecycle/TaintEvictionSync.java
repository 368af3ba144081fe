package io.k8j.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.EventRecorder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Evicts one pod if its node's NoExecute taints say it is time; otherwise says when to look again. */
final class TaintEvictionSync {
    private final KubernetesClient client;
    private final Indexer<Pod> pods;
    private final Indexer<Node> nodes;
    private final EventRecorder events;
    private final Clock clock;
    /** When taints without a timeAdded (e.g. from kubectl taint) were first seen, so that their time runs out. */
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

    TaintEvictionSync(KubernetesClient client, Indexer<Pod> pods, Indexer<Node> nodes, EventRecorder events, Clock clock) {
        this.client = client;
        this.pods = pods;
        this.nodes = nodes;
        this.events = events;
        this.clock = clock;
    }

    Duration reconcile(String key) {
        Pod pod = pods.getByKey(key);
        if (pod == null || pod.getSpec().getNodeName() == null || pod.getMetadata().getDeletionTimestamp() != null) {
            return null;
        }
        Node node = nodes.getByKey(pod.getSpec().getNodeName());
        if (node == null || node.getSpec() == null) {
            return null;
        }
        Instant now = clock.instant();
        Optional<Instant> eviction = EvictionTime.of(node.getSpec().getTaints(), pod.getSpec().getTolerations(),
                t -> addedAt(node, t, now), now);
        if (eviction.isEmpty()) {
            return null;
        }
        if (eviction.get().isAfter(now)) {
            return Duration.between(now, eviction.get());
        }
        events.record(pod, "Normal", "TaintManagerEviction", "Marking for deletion Pod " + key);
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
        return null;
    }

    private Instant addedAt(Node node, Taint taint, Instant now) {
        if (taint.getTimeAdded() != null && !taint.getTimeAdded().isEmpty()) {
            return Instant.parse(taint.getTimeAdded());
        }
        return firstSeen.computeIfAbsent(node.getMetadata().getUid() + "|" + taint.getKey() + "|" + taint.getEffect(), k -> now);
    }
}

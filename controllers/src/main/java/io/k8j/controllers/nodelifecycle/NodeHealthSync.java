package io.k8j.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.EventRecorder;
import io.k8j.client.Keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One health check of one node: conditions and pods when it is silent, then its health taints. */
final class NodeHealthSync {
    private final KubernetesClient client;
    private final Indexer<Node> nodes;
    private final Indexer<Lease> leases;
    private final Indexer<Pod> pods;
    private final EventRecorder events;
    private final NodeMonitorTimings timings;
    private final Clock clock;
    private final HeartbeatTracker heartbeats = new HeartbeatTracker();
    /** Nodes this controller has announced with a RegisteredNode Event, as kube's knownNodeSet. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    NodeHealthSync(KubernetesClient client, Indexer<Node> nodes, Indexer<Lease> leases, Indexer<Pod> pods,
                   EventRecorder events, NodeMonitorTimings timings, Clock clock) {
        this.client = client;
        this.nodes = nodes;
        this.leases = leases;
        this.pods = pods;
        this.events = events;
        this.timings = timings;
        this.clock = clock;
    }

    Duration reconcile(String name) {
        Node node = nodes.getByKey(name);
        if (node == null) {
            heartbeats.forget(name);
            known.remove(name);
            return null;
        }
        if (known.add(name)) {
            events.record(node, "Normal", "RegisteredNode", "Node " + name + " event: Registered Node " + name + " in Controller");
        }
        Instant now = clock.instant();
        Lease lease = leases.getByKey(Keys.of(NodeLifecycleController.LEASE_NAMESPACE, name));
        NodeHealth health = NodeHealth.of(node, heartbeats.lastHeartbeat(node, lease, now), now, timings.gracePeriod());
        if (health == NodeHealth.SILENT) {
            node = markUnknown(node, now);
            markPodsNotReady(name, now);
        }
        List<Taint> taints = node.getSpec() == null ? null : node.getSpec().getTaints();
        List<Taint> wanted = NodeHealthTaints.reconcile(taints, health, now);
        if (wanted != taints) {
            patch(node, false, Map.of("spec", Map.of("taints", wanted)));
        }
        return timings.period();
    }

    /** Sets the kubelet's conditions Unknown; returns the node as written (or as it was if nothing changed). */
    private Node markUnknown(Node node, Instant now) {
        List<NodeCondition> current = node.getStatus() == null ? null : node.getStatus().getConditions();
        List<NodeCondition> unknown = NodeConditions.markUnknown(current,
                Instant.parse(node.getMetadata().getCreationTimestamp()), now);
        if (unknown == current) {
            return node;
        }
        events.record(node, "Normal", "NodeNotReady", "Node " + node.getMetadata().getName() + " status is now: NodeNotReady");
        return patch(node, true, Map.of("status", Map.of("conditions", unknown)));
    }

    /** kube's MarkPodsNotReady: the kubelet that would say so is gone, so the controller says it for it. */
    private void markPodsNotReady(String node, Instant now) {
        for (Pod pod : pods.list()) {
            if (!node.equals(pod.getSpec().getNodeName()) || pod.getStatus() == null || pod.getStatus().getConditions() == null) {
                continue;
            }
            List<PodCondition> conditions = new ArrayList<>(pod.getStatus().getConditions());
            int ready = conditions.stream().map(PodCondition::getType).toList().indexOf("Ready");
            if (ready >= 0 && !"False".equals(conditions.get(ready).getStatus())) {
                conditions.set(ready, new PodConditionBuilder(conditions.get(ready)).withStatus("False")
                        .withLastTransitionTime(now.toString()).build());
                client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                        .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), json(Map.of(
                                "metadata", Map.of("resourceVersion", pod.getMetadata().getResourceVersion()),
                                "status", Map.of("conditions", conditions))));
            }
        }
    }

    /** A merge patch pinned to the cached resourceVersion: a stale cache gets a conflict and a retry, not a lost write. */
    private Node patch(Node node, boolean status, Map<String, Object> change) {
        Map<String, Object> body = new HashMap<>(change);
        body.put("metadata", Map.of("resourceVersion", node.getMetadata().getResourceVersion()));
        var resource = client.nodes().withName(node.getMetadata().getName());
        return (status ? resource.subresource("status") : resource).patch(PatchContext.of(PatchType.JSON_MERGE), json(body));
    }

    private String json(Object body) {
        return client.getKubernetesSerialization().asJson(body);
    }
}

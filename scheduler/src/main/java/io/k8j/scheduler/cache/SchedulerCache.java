package io.k8j.scheduler.cache;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.scheduler.framework.NodeInfo;
import io.k8j.scheduler.framework.PodInfo;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Nodes and the pods placed on them, fed by the informers and by the scheduler's own assumptions: a
 * pod assumed on a node counts there at once, before the API server's watch confirms the binding, so
 * the next cycle does not overcommit. Tracks which nodes changed so snapshots copy only those.
 */
public final class SchedulerCache {
    private final Map<String, NodeInfo> nodes = new HashMap<>();
    private final Map<String, String> podNode = new HashMap<>();
    private final Set<String> assumed = new HashSet<>();
    private final Set<String> dirty = new HashSet<>();

    public synchronized void addOrUpdateNode(Node node) {
        String name = node.getMetadata().getName();
        NodeInfo info = nodes.get(name);
        if (info == null) {
            nodes.put(name, new NodeInfo(node));
        } else {
            info.setNode(node);
        }
        dirty.add(name);
    }

    /** Pods on a removed node stay known (as kube does) so that re-adding the node restores them. */
    public synchronized void removeNode(String name) {
        NodeInfo info = nodes.get(name);
        if (info != null) {
            info.setNode(null);
            dirty.add(name);
        }
    }

    /** An assigned pod as the API server reports it; confirms an assumption if there was one. */
    public synchronized void addOrUpdatePod(Pod pod) {
        String key = PodInfo.key(pod);
        assumed.remove(key);
        place(key, PodInfo.of(pod), pod.getSpec().getNodeName());
    }

    public synchronized void removePod(Pod pod) {
        String key = PodInfo.key(pod);
        assumed.remove(key);
        unplace(key);
    }

    /**
     * Counts the pending {@code pod} on {@code node} until the API server confirms or {@link #forget} undoes
     * it. The node is passed beside the pod rather than set in a copy of it: a deep copy of every pod was a
     * tenth of the scheduling cycle, and nothing reads an assumed pod's spec.nodeName.
     */
    public synchronized void assume(Pod pod, String node) {
        String key = PodInfo.key(pod);
        place(key, PodInfo.of(pod), node);
        assumed.add(key);
    }

    /** Undoes an assumption whose binding failed; a confirmed pod stays. */
    public synchronized void forget(Pod pod) {
        String key = PodInfo.key(pod);
        if (assumed.remove(key)) {
            unplace(key);
        }
    }

    /** True when the pod is already placed (bound or assumed), so a stale queue entry can be dropped. */
    public synchronized boolean isPlaced(Pod pod) {
        return podNode.containsKey(PodInfo.key(pod));
    }

    private void place(String key, PodInfo pod, String node) {
        unplace(key);
        nodes.computeIfAbsent(node, n -> new NodeInfo(null)).addPod(pod);
        podNode.put(key, node);
        dirty.add(node);
    }

    private void unplace(String key) {
        String node = podNode.remove(key);
        if (node != null) {
            NodeInfo info = nodes.get(node);
            info.removePod(key);
            dirty.add(node);
            if (info.node() == null && info.pods().isEmpty()) {
                nodes.remove(node);
            }
        }
    }

    /** Brings {@code snapshot} up to date, copying only the nodes changed since the last call. */
    public synchronized void updateSnapshot(Snapshot snapshot) {
        for (String name : dirty) {
            NodeInfo info = nodes.get(name);
            if (info == null || info.node() == null) {
                snapshot.remove(name);
            } else {
                snapshot.replace(info.copy());
            }
        }
        dirty.clear();
    }
}

package io.k8j.kubelet.hollow;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.cache.Store;
import io.k8j.client.Keys;
import io.k8j.client.Reconciler;
import io.k8j.client.WorkQueue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the one pod watch of all hollow nodes meets each node's pod sync: events of pods bound to a hollow
 * node queue the pod's key, and the sync of a key runs on the node the pod is bound to. A deleted pod is no
 * longer in the cache, so the node each key was last seen on is remembered until its sync has cleaned up.
 */
final class PodDispatch implements ResourceEventHandler<Pod>, Reconciler {
    private final Map<String, HollowNode> nodes;
    private final WorkQueue queue;
    private final Map<String, String> lastNode = new ConcurrentHashMap<>();
    private volatile Store<Pod> pods;

    PodDispatch(Map<String, HollowNode> nodes, WorkQueue queue) {
        this.nodes = nodes;
        this.queue = queue;
    }

    void pods(Store<Pod> store) {
        this.pods = store;
    }

    /** The pod of a key as the shared cache has it, null when deleted. */
    Pod pod(String key) {
        return pods.getByKey(key);
    }

    @Override
    public void onAdd(Pod pod) {
        enqueue(pod);
    }

    @Override
    public void onUpdate(Pod oldPod, Pod pod) {
        enqueue(pod);
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
        enqueue(pod);
    }

    private void enqueue(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (node != null && nodes.containsKey(node)) {
            String key = Keys.of(pod);
            lastNode.put(key, node);
            queue.add(key);
        }
    }

    @Override
    public Duration reconcile(String key) throws Exception {
        Pod pod = pod(key);
        String nodeName = pod != null && pod.getSpec().getNodeName() != null ? pod.getSpec().getNodeName() : lastNode.get(key);
        HollowNode node = nodeName == null ? null : nodes.get(nodeName);
        if (node == null) {
            return null;
        }
        Duration again = node.sync().reconcile(key);
        if (pod == null) {
            lastNode.remove(key, nodeName);
        }
        return again;
    }
}

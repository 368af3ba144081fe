package io.k8j.scheduler.framework;

import io.fabric8.kubernetes.api.model.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * A node with the pods on it (bound or assumed) and their sums, kept incrementally by the cache. The
 * node is null while the cache knows pods bound to a node it has not seen (or no longer sees).
 */
public final class NodeInfo {
    private Node node;
    private Resource allocatable = new Resource();
    private final List<PodInfo> pods = new ArrayList<>();
    private final Resource requested = new Resource();
    private final Resource nonZeroRequested = new Resource();
    private final List<HostPort> usedPorts = new ArrayList<>();
    private int podsWithAffinity;

    public NodeInfo(Node node) {
        setNode(node);
    }

    private NodeInfo() {
    }

    public void setNode(Node node) {
        this.node = node;
        this.allocatable = node == null || node.getStatus() == null ? new Resource()
                : Resource.of(node.getStatus().getAllocatable());
    }

    public void addPod(PodInfo pod) {
        pods.add(pod);
        update(pod, 1);
    }

    /** Removes the pod with this key; true when it was there. */
    public boolean removePod(String key) {
        for (int i = 0; i < pods.size(); i++) {
            if (pods.get(i).key().equals(key)) {
                update(pods.remove(i), -1);
                return true;
            }
        }
        return false;
    }

    private void update(PodInfo pod, int sign) {
        if (sign > 0) {
            requested.add(pod.requests());
            nonZeroRequested.add(pod.nonZeroRequests());
            usedPorts.addAll(pod.hostPorts());
        } else {
            requested.subtract(pod.requests());
            nonZeroRequested.subtract(pod.nonZeroRequests());
            pod.hostPorts().forEach(usedPorts::remove);
        }
        podsWithAffinity += pod.hasAffinity() ? sign : 0;
    }

    /** A copy for a snapshot: the scheduling cycle reads it while the cache keeps changing. */
    public NodeInfo copy() {
        NodeInfo c = new NodeInfo();
        c.node = node;
        c.allocatable = allocatable;
        c.pods.addAll(pods);
        c.requested.add(requested);
        c.nonZeroRequested.add(nonZeroRequested);
        c.usedPorts.addAll(usedPorts);
        c.podsWithAffinity = podsWithAffinity;
        return c;
    }

    public Node node() {
        return node;
    }

    public String name() {
        return node.getMetadata().getName();
    }

    public Resource allocatable() {
        return allocatable;
    }

    public List<PodInfo> pods() {
        return pods;
    }

    public Resource requested() {
        return requested;
    }

    public Resource nonZeroRequested() {
        return nonZeroRequested;
    }

    public List<HostPort> usedPorts() {
        return usedPorts;
    }

    public boolean hasPodsWithAffinity() {
        return podsWithAffinity > 0;
    }
}

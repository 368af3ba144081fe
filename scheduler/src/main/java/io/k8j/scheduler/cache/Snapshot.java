package io.k8j.scheduler.cache;

import io.k8j.scheduler.framework.NodeInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduling cycle's frozen view of the cluster: copies of the NodeInfos, refreshed by the cache
 * only where they changed. Only the scheduling thread uses it.
 */
public final class Snapshot {
    final Map<String, NodeInfo> byName = new HashMap<>();
    private List<NodeInfo> list = List.of();
    boolean listStale;

    /** Nodes in a stable order (by name), so the round-robin start index means the same node across cycles. */
    public List<NodeInfo> nodes() {
        if (listStale) {
            List<NodeInfo> l = new ArrayList<>(byName.values());
            l.sort((a, b) -> a.name().compareTo(b.name()));
            list = l;
            listStale = false;
        }
        return list;
    }

    public NodeInfo get(String name) {
        return byName.get(name);
    }

    /** Replaces one node's copy in place, keeping the order. */
    void replace(NodeInfo copy) {
        NodeInfo old = byName.put(copy.name(), copy);
        if (old == null) {
            listStale = true;
        } else if (!listStale) {
            List<NodeInfo> l = list;
            int i = java.util.Collections.binarySearch(l, old, (a, b) -> a.name().compareTo(b.name()));
            if (i >= 0) {
                l.set(i, copy);
            } else {
                listStale = true;
            }
        }
    }

    void remove(String name) {
        if (byName.remove(name) != null) {
            listStale = true;
        }
    }
}

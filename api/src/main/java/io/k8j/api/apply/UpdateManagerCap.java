package io.k8j.api.apply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * kube keeps at most ten Update entries: beyond that the oldest are folded, per apiVersion, into one
 * "ancient-changes" entry so that objects written by many controllers do not grow without bound.
 */
final class UpdateManagerCap {
    static final int MAX_UPDATE_MANAGERS = 10;
    static final String ANCIENT_CHANGES = "ancient-changes";

    private UpdateManagerCap() {
    }

    static List<ManagerEntry> cap(List<ManagerEntry> entries) {
        List<ManagerEntry> updates = new ArrayList<>(entries.stream()
                .filter(e -> e.operation().equals(ManagerEntry.UPDATE)).toList());
        if (updates.size() <= MAX_UPDATE_MANAGERS) {
            return entries;
        }
        updates.sort(Comparator.comparing((ManagerEntry e) -> e.time() == null ? "" : e.time())
                .thenComparing(ManagerEntry::manager));
        List<ManagerEntry> result = new ArrayList<>(entries);
        Map<String, ManagerEntry> buckets = new HashMap<>();
        int count = updates.size();
        for (int i = 0; i < updates.size() && count > MAX_UPDATE_MANAGERS; i++) {
            ManagerEntry e = updates.get(i);
            ManagerEntry bucket = buckets.get(e.apiVersion());
            if (bucket == null) {
                // The oldest entry of a version becomes the bucket once a second one joins it.
                buckets.put(e.apiVersion(), e);
                continue;
            }
            result.remove(bucket);
            result.remove(e);
            ManagerEntry merged = new ManagerEntry(ANCIENT_CHANGES, ManagerEntry.UPDATE, e.apiVersion(), e.time(),
                    null, bucket.fields().union(e.fields()));
            result.add(merged);
            buckets.put(e.apiVersion(), merged);
            count--;
        }
        return result;
    }
}

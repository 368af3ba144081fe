package io.k8j.apiserver.authz;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * kube's node authorizer graph, kept current by {@link StoreFeed}s of pods and persistent volumes: which secrets,
 * configmaps, claims and service accounts the pods bound to each node name, and which volume each claim is bound
 * to (node &lt;- pod &lt;- pvc &lt;- pv). A pod counts from when it is bound to a node until it is deleted.
 */
public final class NodeGraph {
    public static final String PODS = "/registry/core/pods/";
    public static final String VOLUMES = "/registry/core/persistentvolumes/";

    private record BoundPod(String node, Set<String> refs) {
    }

    /** Pods by namespace/name, for what to take away when one changes (written under this object's lock). */
    private final Map<String, BoundPod> pods = new HashMap<>();
    /** Per node: resource/namespace/name of each object its pods name, with how many of its pods name it. */
    private final Map<String, Map<String, Integer>> reachable = new ConcurrentHashMap<>();
    /** Per persistent volume: the namespace/name of the claim its claimRef names. */
    private final Map<String, String> claimOfVolume = new ConcurrentHashMap<>();

    /** A {@link StoreFeed.Sink} of {@link #PODS}: keys are namespace/name. */
    public synchronized void putPod(List<String> key, JsonNode pod) {
        String id = key.get(0) + "/" + key.get(1);
        BoundPod before = pods.remove(id);
        Map<String, Integer> old = before == null ? null : reachable.get(before.node());
        if (old != null) {
            before.refs().forEach(ref -> old.computeIfPresent(key.get(0) + "/" + ref, (k, n) -> n == 1 ? null : n - 1));
            if (old.isEmpty()) {
                reachable.remove(before.node());
            }
        }
        String node = pod == null ? "" : pod.path("spec").path("nodeName").asText("");
        if (node.isEmpty()) {
            return;
        }
        BoundPod now = new BoundPod(node, PodReferences.of(pod));
        pods.put(id, now);
        Map<String, Integer> counts = reachable.computeIfAbsent(node, n -> new ConcurrentHashMap<>());
        now.refs().forEach(ref -> counts.merge(key.get(0) + "/" + ref, 1, Integer::sum));
    }

    /** A {@link StoreFeed.Sink} of {@link #VOLUMES}: keys are the volume's name. */
    public void putVolume(List<String> key, JsonNode volume) {
        JsonNode claim = volume == null ? null : volume.path("spec").path("claimRef");
        if (claim == null || claim.path("name").asText("").isEmpty()) {
            claimOfVolume.remove(key.get(0));
        } else {
            claimOfVolume.put(key.get(0), claim.path("namespace").asText("") + "/" + claim.path("name").asText());
        }
    }

    /**
     * Whether a pod bound to {@code node} names the object ({@code resource} one of secrets, configmaps,
     * persistentvolumeclaims, serviceaccounts), or for persistentvolumes, the claim bound to it.
     */
    public boolean reaches(String node, String resource, String namespace, String name) {
        if (resource.equals("persistentvolumes")) {
            String claim = claimOfVolume.get(name);
            return claim != null && reaches(node, "persistentvolumeclaims", claim.substring(0, claim.indexOf('/')),
                    claim.substring(claim.indexOf('/') + 1));
        }
        Map<String, Integer> counts = reachable.get(node);
        return counts != null && counts.containsKey(namespace + "/" + resource + "/" + name);
    }
}

package io.k8j.controllers.podgc;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * kube's PodGC on two kinds of key. {@link #SWEEP}, every {@link #PERIOD}: terminated pods beyond the threshold,
 * terminating pods on out-of-service nodes and unscheduled terminating pods are force-deleted, and every node that
 * pods are bound to but that is not cached is queued for a check after the quarantine. {@code node/NAME}: when
 * the node is neither cached nor found by a GET, its pods are marked Failed with a DisruptionTarget condition
 * (DeletionByPodGC) and force-deleted (grace 0): no kubelet will ever finish them.
 */
final class PodGcSync {
    static final String SWEEP = "sweep";
    /** kube's gcCheckPeriod. */
    static final Duration PERIOD = Duration.ofSeconds(20);
    /** kube's quarantineTime: how long a node may be missing from the cache before its pods go. */
    static final Duration QUARANTINE = Duration.ofSeconds(40);
    private static final String NODE = "node/";
    private static final Logger LOG = LoggerFactory.getLogger(PodGcSync.class);

    private final KubernetesClient client;
    private final Indexer<Pod> pods;
    private final Indexer<Node> nodes;
    private final WorkQueue queue;
    private final int terminatedThreshold;
    private final Clock clock;

    PodGcSync(KubernetesClient client, Indexer<Pod> pods, Indexer<Node> nodes, WorkQueue queue, int terminatedThreshold,
              Clock clock) {
        this.client = client;
        this.pods = pods;
        this.nodes = nodes;
        this.queue = queue;
        this.terminatedThreshold = terminatedThreshold;
        this.clock = clock;
    }

    /** Queues the check of a node that pods are bound to but that is not cached (or was just deleted). */
    void suspect(String nodeName) {
        queue.addAfter(NODE + nodeName, QUARANTINE);
    }

    Duration reconcile(String key) {
        if (key.startsWith(NODE)) {
            deleteOrphans(key.substring(NODE.length()));
            return null;
        }
        List<Pod> all = pods.list();
        GcCandidates.terminatedOverThreshold(all, terminatedThreshold).forEach(p -> markFailedAndDelete(p, null));
        GcCandidates.terminatingOutOfService(all, nodes::getByKey).forEach(p -> markFailedAndDelete(p, null));
        Set<String> existing = nodes.list().stream().map(n -> n.getMetadata().getName()).collect(Collectors.toSet());
        GcCandidates.missingNodes(all, existing).forEach(this::suspect);
        GcCandidates.unscheduledTerminating(all).forEach(p -> markFailedAndDelete(p, null));
        return PERIOD;
    }

    private void deleteOrphans(String nodeName) {
        if (nodes.getByKey(nodeName) != null || client.nodes().withName(nodeName).get() != null) {
            return; // it came back (a kubelet registers again when its Node is deleted)
        }
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "DisruptionTarget");
        condition.put("status", "True");
        condition.put("reason", "DeletionByPodGC");
        condition.put("message", "PodGC: node no longer exists");
        condition.put("lastTransitionTime", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        pods.list().stream().filter(p -> nodeName.equals(p.getSpec().getNodeName()))
                .forEach(p -> markFailedAndDelete(p, condition));
    }

    /** As kube: a pod that has not finished is marked Failed first, for whoever tracks its outcome (Jobs). */
    private void markFailedAndDelete(Pod pod, Map<String, Object> condition) {
        var m = pod.getMetadata();
        var api = client.pods().inNamespace(m.getNamespace()).withName(m.getName());
        LOG.info("PodGC is force deleting Pod {}/{}", m.getNamespace(), m.getName());
        try {
            if (!GcCandidates.terminated(pod)) {
                Map<String, Object> status = new LinkedHashMap<>();
                status.put("phase", "Failed");
                if (condition != null) {
                    status.put("conditions", List.of(condition));
                }
                api.subresource("status").patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                        client.getKubernetesSerialization().asJson(Map.of("status", status)));
            }
            api.withGracePeriod(0).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e; // retried with the key; a pod already gone is what was wanted
            }
        }
    }
}

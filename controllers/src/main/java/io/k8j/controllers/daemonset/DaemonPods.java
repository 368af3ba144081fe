package io.k8j.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.k8j.client.OwnerRefs;
import io.k8j.controllers.history.Revisions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Daemon pods as kube makes them: the template, the daemon tolerations, pinned to one node by affinity. */
final class DaemonPods {
    /** kube's AddOrUpdateDaemonPodTolerations: node conditions never evict or keep off a daemon pod. */
    private static final List<Toleration> DAEMON_TOLERATIONS = List.of(
            exists("node.kubernetes.io/not-ready", "NoExecute"),
            exists("node.kubernetes.io/unreachable", "NoExecute"),
            exists("node.kubernetes.io/disk-pressure", "NoSchedule"),
            exists("node.kubernetes.io/memory-pressure", "NoSchedule"),
            exists("node.kubernetes.io/pid-pressure", "NoSchedule"),
            exists("node.kubernetes.io/unschedulable", "NoSchedule"));
    private static final Toleration NETWORK_UNAVAILABLE = exists("node.kubernetes.io/network-unavailable", "NoSchedule");
    private static final String NODE_NAME_FIELD = "metadata.name";

    private DaemonPods() {
    }

    /** A copy of {@code spec} with the daemon tolerations it does not already have. */
    static PodSpec withDaemonTolerations(PodSpec spec) {
        List<Toleration> tolerations = new ArrayList<>(spec.getTolerations() == null ? List.of() : spec.getTolerations());
        List<Toleration> wanted = new ArrayList<>(DAEMON_TOLERATIONS);
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
            wanted.add(NETWORK_UNAVAILABLE);
        }
        wanted.stream().filter(t -> !tolerations.contains(t)).forEach(tolerations::add);
        return new PodSpecBuilder(spec).withTolerations(tolerations).build();
    }

    /**
     * A new pod for {@code node}, left to the scheduler (kube >= 1.12): its required node affinity is
     * replaced by {@code metadata.name In [node]}, which the DaemonSet already checked the template against.
     */
    static Pod podFor(DaemonSet ds, String hash, String node) {
        ObjectMeta meta = ds.getSpec().getTemplate().getMetadata() == null ? new ObjectMeta() : ds.getSpec().getTemplate().getMetadata();
        Map<String, String> labels = new LinkedHashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
        labels.put(Revisions.HASH_LABEL, hash);
        PodSpec spec = withDaemonTolerations(ds.getSpec().getTemplate().getSpec());
        spec.setAffinity(pinnedTo(spec.getAffinity(), node));
        return new PodBuilder().withNewMetadata().withGenerateName(ds.getMetadata().getName() + "-")
                .withNamespace(ds.getMetadata().getNamespace()).withLabels(labels)
                .withAnnotations(meta.getAnnotations()).withFinalizers(meta.getFinalizers())
                .withOwnerReferences(OwnerRefs.controllerRef(ds)).endMetadata()
                .withSpec(spec).build();
    }

    /** The node a daemon pod is on, or is pinned to while not yet scheduled; null for neither. */
    static String targetNode(Pod pod) {
        if (pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty()) {
            return pod.getSpec().getNodeName();
        }
        Affinity a = pod.getSpec().getAffinity();
        if (a == null || a.getNodeAffinity() == null || a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return null;
        }
        for (var term : a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms()) {
            for (NodeSelectorRequirement r : term.getMatchFields() == null ? List.<NodeSelectorRequirement>of() : term.getMatchFields()) {
                if (NODE_NAME_FIELD.equals(r.getKey()) && "In".equals(r.getOperator()) && r.getValues() != null
                        && r.getValues().size() == 1) {
                    return r.getValues().get(0);
                }
            }
        }
        return null;
    }

    static boolean isUpdated(Pod pod, String hash) {
        return pod.getMetadata().getLabels() != null && hash.equals(pod.getMetadata().getLabels().get(Revisions.HASH_LABEL));
    }

    private static Affinity pinnedTo(Affinity affinity, String node) {
        AffinityBuilder b = affinity == null ? new AffinityBuilder() : new AffinityBuilder(affinity);
        return b.editOrNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchField().withKey(NODE_NAME_FIELD).withOperator("In")
                .withValues(node).endMatchField().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build();
    }

    private static Toleration exists(String key, String effect) {
        return new TolerationBuilder().withKey(key).withOperator("Exists").withEffect(effect).build();
    }
}

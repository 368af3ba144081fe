package io.k8j.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.k8j.client.NodeSelectors;
import io.k8j.client.Tolerations;

import java.util.Map;

/**
 * Whether a DaemonSet's pod belongs on a node (kube's NodeShouldRunDaemonPod): the template's nodeName,
 * nodeSelector and required node affinity must match, and every NoSchedule and NoExecute taint must be
 * tolerated, counting the tolerations every daemon pod gets. A node whose only untolerated taints are
 * NoSchedule keeps the pods it has ({@code shouldContinueRunning}) but gets no new one.
 */
record Placement(boolean shouldRun, boolean shouldContinueRunning) {
    static final Placement NO = new Placement(false, false);

    static Placement of(PodSpec template, Node node) {
        String name = node.getMetadata().getName();
        if (template.getNodeName() != null && !template.getNodeName().isEmpty() && !template.getNodeName().equals(name)) {
            return NO;
        }
        if (!matchesSelector(template.getNodeSelector(), node) || !matchesAffinity(template.getAffinity(), node)) {
            return NO;
        }
        var tolerations = DaemonPods.withDaemonTolerations(template).getTolerations();
        var taints = Tolerations.taints(node);
        if (Tolerations.firstUntolerated(taints, tolerations, Placement::repels) == null) {
            return new Placement(true, true);
        }
        boolean evicted = Tolerations.firstUntolerated(taints, tolerations, t -> "NoExecute".equals(t.getEffect())) != null;
        return new Placement(false, !evicted);
    }

    /** PreferNoSchedule only steers the scheduler; it never keeps a daemon pod off a node. */
    private static boolean repels(Taint t) {
        return "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect());
    }

    private static boolean matchesSelector(Map<String, String> selector, Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        return selector == null || selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static boolean matchesAffinity(Affinity affinity, Node node) {
        if (affinity == null || affinity.getNodeAffinity() == null
                || affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return true;
        }
        return NodeSelectors.matchesAny(
                affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms(), node);
    }
}

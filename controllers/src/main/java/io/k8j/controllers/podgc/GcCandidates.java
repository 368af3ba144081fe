package io.k8j.controllers.podgc;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Which pods kube's PodGC deletes, as pure functions of the pods and nodes it has cached. */
final class GcCandidates {
    static final String OUT_OF_SERVICE = "node.kubernetes.io/out-of-service";

    /** Evicted pods first (they were not the workload's choice), then the oldest, then by name. */
    private static final Comparator<Pod> DELETION_ORDER = Comparator.<Pod, Boolean>comparing(p -> !evicted(p))
            .thenComparing(p -> p.getMetadata().getCreationTimestamp(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(p -> p.getMetadata().getName());

    private GcCandidates() {
    }

    static boolean terminated(Pod pod) {
        String phase = phase(pod);
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /** The terminated pods beyond {@code threshold}, in the order they go; none when the threshold is 0 (off). */
    static List<Pod> terminatedOverThreshold(Collection<Pod> pods, int threshold) {
        List<Pod> terminated = pods.stream().filter(GcCandidates::terminated).toList();
        int excess = terminated.size() - threshold;
        if (threshold <= 0 || excess <= 0) {
            return List.of();
        }
        return terminated.stream().sorted(DELETION_ORDER).limit(excess).toList();
    }

    /** Pods being deleted on a node that is not Ready and was declared out of service: no kubelet will finish them. */
    static List<Pod> terminatingOutOfService(Collection<Pod> pods, Function<String, Node> nodes) {
        return pods.stream().filter(p -> deleting(p) && bound(p)).filter(p -> {
            Node node = nodes.apply(p.getSpec().getNodeName());
            return node != null && !ready(node) && node.getSpec() != null && node.getSpec().getTaints() != null
                    && node.getSpec().getTaints().stream().anyMatch(t -> OUT_OF_SERVICE.equals(t.getKey()));
        }).sorted(DELETION_ORDER).toList();
    }

    /** Pods being deleted that were never scheduled: no kubelet will ever finish them. */
    static List<Pod> unscheduledTerminating(Collection<Pod> pods) {
        return pods.stream().filter(p -> deleting(p) && !bound(p)).toList();
    }

    /** Nodes that pods are bound to but that are not among {@code existing}. */
    static Set<String> missingNodes(Collection<Pod> pods, Set<String> existing) {
        Set<String> missing = new TreeSet<>();
        pods.stream().filter(GcCandidates::bound).map(p -> p.getSpec().getNodeName())
                .filter(n -> !existing.contains(n)).forEach(missing::add);
        return missing;
    }

    static boolean bound(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
    }

    private static boolean deleting(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    /** kube's eviction.PodIsEvicted: Failed with reason Evicted. */
    private static boolean evicted(Pod pod) {
        return "Failed".equals(phase(pod)) && "Evicted".equals(pod.getStatus().getReason());
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    private static boolean ready(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}

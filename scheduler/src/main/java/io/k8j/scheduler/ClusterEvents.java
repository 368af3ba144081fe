package io.k8j.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.k8j.scheduler.cache.SchedulerCache;
import io.k8j.scheduler.plugins.InterPodAffinity;
import io.k8j.scheduler.plugins.PodTopologySpread;
import io.k8j.scheduler.queue.SchedulingQueue;

import java.util.Objects;
import java.util.Set;

/**
 * Routes informer events: assigned pods feed the cache, pending pods this scheduler owns feed the
 * queue, and changes that can free room (or add labels, ports, tolerated taints) move parked pods back.
 */
final class ClusterEvents {
    static final String SCHEDULER_NAME = "default-scheduler";
    /** Plugins whose verdict depends on other pods' placement, so a newly placed pod may change it. */
    private static final Set<String> POD_AWARE = Set.of(InterPodAffinity.NAME, PodTopologySpread.NAME);

    private final SchedulerCache cache;
    private final SchedulingQueue queue;

    ClusterEvents(SchedulerCache cache, SchedulingQueue queue) {
        this.cache = cache;
        this.queue = queue;
    }

    ResourceEventHandler<Pod> pods() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                onUpdate(null, pod);
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                if (isAssigned(pod)) {
                    queue.delete(pod);
                    if (isTerminal(pod)) {
                        cache.removePod(pod); // a finished pod holds no resources
                        queue.moveAllToActiveOrBackoff(q -> true);
                    } else {
                        cache.addOrUpdatePod(pod);
                        queue.moveAllToActiveOrBackoff(q -> q.unschedulablePlugins().stream().anyMatch(POD_AWARE::contains));
                    }
                } else if (isOurs(pod)) {
                    queue.addOrUpdate(pod);
                } else {
                    queue.delete(pod);
                }
            }

            @Override
            public void onDelete(Pod pod, boolean finalStateUnknown) {
                queue.delete(pod);
                if (isAssigned(pod)) {
                    cache.removePod(pod);
                    queue.moveAllToActiveOrBackoff(q -> true);
                }
            }
        };
    }

    ResourceEventHandler<Node> nodes() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                cache.addOrUpdateNode(node);
                queue.moveAllToActiveOrBackoff(q -> true);
            }

            @Override
            public void onUpdate(Node old, Node node) {
                cache.addOrUpdateNode(node);
                if (schedulingRelevantChange(old, node)) {
                    queue.moveAllToActiveOrBackoff(q -> true);
                }
            }

            @Override
            public void onDelete(Node node, boolean finalStateUnknown) {
                cache.removeNode(node.getMetadata().getName());
            }
        };
    }

    /** Heartbeats change only conditions' times; they must not churn the queue. */
    static boolean schedulingRelevantChange(Node old, Node node) {
        return old == null || !Objects.equals(old.getMetadata().getLabels(), node.getMetadata().getLabels())
                || !Objects.equals(old.getSpec(), node.getSpec())
                || !Objects.equals(old.getStatus() == null ? null : old.getStatus().getAllocatable(),
                node.getStatus() == null ? null : node.getStatus().getAllocatable());
    }

    static boolean isAssigned(Pod pod) {
        return pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
    }

    static boolean isTerminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /** A pending pod for this scheduler that is not on its way out. */
    static boolean isOurs(Pod pod) {
        String name = pod.getSpec().getSchedulerName();
        return (name == null || name.isEmpty() || name.equals(SCHEDULER_NAME))
                && pod.getMetadata().getDeletionTimestamp() == null && !isTerminal(pod);
    }
}

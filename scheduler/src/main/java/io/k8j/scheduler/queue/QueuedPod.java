package io.k8j.scheduler.queue;

import io.fabric8.kubernetes.api.model.Pod;
import io.k8j.scheduler.framework.PodInfo;

import java.util.Set;

/** A pod waiting in the queue, with its scheduling history. Mutated only under the queue's lock. */
public final class QueuedPod {
    Pod pod;
    final String key;
    int attempts;
    /** When the pod last entered the queue or failed, the start of its backoff. */
    long timestampNanos;
    /** The plugins that rejected it last time; cluster events move only pods they may help. */
    Set<String> unschedulablePlugins = Set.of();

    QueuedPod(Pod pod, long nowNanos) {
        this.pod = pod;
        this.key = PodInfo.key(pod);
        this.timestampNanos = nowNanos;
    }

    public Pod pod() {
        return pod;
    }

    public int attempts() {
        return attempts;
    }

    public Set<String> unschedulablePlugins() {
        return unschedulablePlugins;
    }

    int priority() {
        Integer p = pod.getSpec().getPriority();
        return p == null ? 0 : p;
    }

    String created() {
        String c = pod.getMetadata().getCreationTimestamp();
        return c == null ? "" : c;
    }
}

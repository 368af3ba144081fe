package io.k8j.scheduler.framework;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;

/** A pod with what the plugins read of it computed once, when it enters the cache. */
public record PodInfo(Pod pod, Resource requests, Resource nonZeroRequests, List<HostPort> hostPorts,
                      boolean hasAffinity, boolean hasRequiredAntiAffinity) {

    public static PodInfo of(Pod pod) {
        Affinity a = pod.getSpec().getAffinity();
        boolean affinity = a != null && (a.getPodAffinity() != null || a.getPodAntiAffinity() != null);
        boolean antiRequired = a != null && a.getPodAntiAffinity() != null
                && a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null
                && !a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().isEmpty();
        return new PodInfo(pod, PodRequests.of(pod), PodRequests.nonZero(pod), HostPort.of(pod), affinity, antiRequired);
    }

    public String key() {
        return key(pod);
    }

    public static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }
}

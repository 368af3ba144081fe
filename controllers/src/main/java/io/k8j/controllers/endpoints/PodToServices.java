package io.k8j.controllers.endpoints;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.Keys;
import io.k8j.client.WorkQueue;

import java.util.Objects;

/**
 * The pod handler of the controllers keyed by Service: a pod event queues every service in its namespace
 * that selects it, before and after the change (a relabelled pod leaves one service for another).
 */
public final class PodToServices implements ResourceEventHandler<Pod> {
    private final Indexer<Service> services;
    private final WorkQueue queue;

    public PodToServices(Indexer<Service> services, WorkQueue queue) {
        this.services = services;
        this.queue = queue;
    }

    @Override
    public void onAdd(Pod pod) {
        enqueueServicesOf(pod);
    }

    @Override
    public void onUpdate(Pod old, Pod pod) {
        if (!Objects.equals(old.getMetadata().getLabels(), pod.getMetadata().getLabels())) {
            enqueueServicesOf(old);
        }
        enqueueServicesOf(pod);
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
        enqueueServicesOf(pod);
    }

    private void enqueueServicesOf(Pod pod) {
        for (Service svc : services.byIndex("namespace", pod.getMetadata().getNamespace())) {
            if (ServicePods.selects(svc, pod)) {
                queue.add(Keys.of(svc));
            }
        }
    }
}

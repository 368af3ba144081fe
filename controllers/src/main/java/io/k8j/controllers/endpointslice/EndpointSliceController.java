package io.k8j.controllers.endpointslice;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.EnqueueByKey;
import io.k8j.client.Expectations;
import io.k8j.client.Keys;
import io.k8j.client.SharedInformers;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;
import io.k8j.controllers.endpoints.PodToServices;

import java.time.Clock;

/**
 * Keeps discovery.k8s.io/v1 EndpointSlices for every Service with a selector. Keyed by service; events on
 * the slices it manages queue their service, and count as observed creations for the expectations that
 * keep a stale cache from making a slice twice (slices have generated names).
 */
public final class EndpointSliceController implements Controller {
    private final KubernetesClient client;
    private final SharedInformers informers;
    private final WorkQueue queue = new WorkQueue();
    private final Expectations expectations;
    private ControllerLoop loop;

    public EndpointSliceController(KubernetesClient client, SharedInformers informers, Clock clock) {
        this.client = client;
        this.informers = informers;
        this.expectations = new Expectations(clock);
    }

    @Override
    public void start() {
        SharedIndexInformer<Service> services = informers.of(Service.class);
        SharedIndexInformer<Pod> pods = informers.of(Pod.class);
        SharedIndexInformer<EndpointSlice> slices = informers.of(EndpointSlice.class);
        services.addEventHandler(new EnqueueByKey<>(queue));
        pods.addEventHandler(new PodToServices(services.getIndexer(), queue));
        slices.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(EndpointSlice slice) {
                String service = serviceKey(slice);
                if (service != null) {
                    expectations.creationObserved(service);
                    queue.add(service);
                }
            }

            @Override
            public void onUpdate(EndpointSlice old, EndpointSlice slice) {
                String service = serviceKey(slice);
                if (service != null) {
                    queue.add(service);
                }
            }

            @Override
            public void onDelete(EndpointSlice slice, boolean finalStateUnknown) {
                onUpdate(slice, slice);
            }
        });
        EndpointSliceSync sync = new EndpointSliceSync(client, services.getIndexer(), pods.getIndexer(),
                slices.getIndexer(), expectations);
        loop = new ControllerLoop("endpointslice-controller", queue, sync::reconcile, 2);
        informers.start(Service.class, Pod.class, EndpointSlice.class);
        loop.start();
    }

    /** The service a slice this controller manages belongs to, or null for other slices. */
    static String serviceKey(EndpointSlice slice) {
        var labels = slice.getMetadata().getLabels();
        if (labels == null || !EndpointSliceSync.MANAGER.equals(labels.get(EndpointSliceSync.MANAGED_BY))
                || labels.get(EndpointSliceSync.SERVICE_NAME) == null) {
            return null;
        }
        return Keys.of(slice.getMetadata().getNamespace(), labels.get(EndpointSliceSync.SERVICE_NAME));
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}

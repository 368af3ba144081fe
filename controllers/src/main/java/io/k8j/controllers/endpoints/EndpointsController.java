package io.k8j.controllers.endpoints;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.k8j.client.ControllerLoop;
import io.k8j.client.EnqueueByKey;
import io.k8j.client.SharedInformers;
import io.k8j.client.WorkQueue;
import io.k8j.controllers.Controller;

/**
 * Keeps an Endpoints object, named after its Service, for every Service with a selector: the addresses of
 * the selected pods, ready or not. Keyed by service; an Endpoints event queues its service too, so that a
 * hand-edited or deleted Endpoints object is put right.
 */
public final class EndpointsController implements Controller {
    private final KubernetesClient client;
    private final SharedInformers informers;
    private final WorkQueue queue = new WorkQueue();
    private ControllerLoop loop;

    public EndpointsController(KubernetesClient client, SharedInformers informers) {
        this.client = client;
        this.informers = informers;
    }

    @Override
    public void start() {
        SharedIndexInformer<Service> services = informers.of(Service.class);
        SharedIndexInformer<Pod> pods = informers.of(Pod.class);
        SharedIndexInformer<Endpoints> endpoints = informers.of(Endpoints.class);
        services.addEventHandler(new EnqueueByKey<>(queue));
        endpoints.addEventHandler(new EnqueueByKey<>(queue));
        pods.addEventHandler(new PodToServices(services.getIndexer(), queue));
        EndpointsSync sync = new EndpointsSync(client, services.getIndexer(), pods.getIndexer(), endpoints.getIndexer());
        loop = new ControllerLoop("endpoints-controller", queue, sync::reconcile, 2);
        informers.start(Service.class, Pod.class, Endpoints.class);
        loop.start();
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.close();
        }
    }
}

package io.k8j.controllers.endpoints;

import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Indexer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One pass over a Service: write its Endpoints if they differ from what its pods say; drop them with the service. */
final class EndpointsSync {
    /** Marks the Endpoints this controller writes (kube 1.33's label), so that only those go with their service. */
    static final String MANAGED_BY = "endpoints.kubernetes.io/managed-by";
    static final String CONTROLLER = "endpoint-controller";
    static final String HEADLESS = "service.kubernetes.io/headless";

    private final KubernetesClient client;
    private final Indexer<Service> services;
    private final Indexer<Pod> pods;
    private final Indexer<Endpoints> endpoints;

    EndpointsSync(KubernetesClient client, Indexer<Service> services, Indexer<Pod> pods, Indexer<Endpoints> endpoints) {
        this.client = client;
        this.services = services;
        this.pods = pods;
        this.endpoints = endpoints;
    }

    Duration reconcile(String key) {
        Service svc = services.getByKey(key);
        Endpoints current = endpoints.getByKey(key);
        if (svc == null) {
            if (current != null && CONTROLLER.equals(labels(current).get(MANAGED_BY))) {
                client.endpoints().resource(current).delete();
            }
            return null;
        }
        if (!ServicePods.hasSelector(svc)) {
            return null;
        }
        List<EndpointSubset> subsets = EndpointSubsets.of(svc, pods.byIndex("namespace", svc.getMetadata().getNamespace()));
        Map<String, String> labels = labelsFor(svc);
        if (current != null && Objects.equals(subsetsOf(current), subsets) && labels.equals(labels(current))) {
            return null;
        }
        Endpoints wanted = new EndpointsBuilder().withNewMetadata().withName(svc.getMetadata().getName())
                .withNamespace(svc.getMetadata().getNamespace()).withLabels(labels)
                .withResourceVersion(current == null ? null : current.getMetadata().getResourceVersion()).endMetadata()
                .withSubsets(subsets).build();
        var resource = client.endpoints().inNamespace(svc.getMetadata().getNamespace()).resource(wanted);
        if (current == null) {
            resource.create();
        } else {
            resource.update();
        }
        return null;
    }

    /** The service's labels, the headless mark, and the managed-by mark. */
    private static Map<String, String> labelsFor(Service svc) {
        Map<String, String> labels = new LinkedHashMap<>(labels(svc));
        if ("None".equals(svc.getSpec().getClusterIP())) {
            labels.put(HEADLESS, "");
        }
        labels.put(MANAGED_BY, CONTROLLER);
        return labels;
    }

    private static Map<String, String> labels(io.fabric8.kubernetes.api.model.HasMetadata obj) {
        return obj.getMetadata().getLabels() == null ? Map.of() : obj.getMetadata().getLabels();
    }

    private static List<EndpointSubset> subsetsOf(Endpoints ep) {
        return ep.getSubsets() == null ? List.of() : ep.getSubsets();
    }
}

package io.k8j.controllers.endpointslice;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import io.k8j.client.Expectations;
import io.k8j.client.OwnerRefs;
import io.k8j.controllers.endpoints.ServicePods;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One pass over a Service: create, update and delete its slices as {@link SlicePlan} says. */
final class EndpointSliceSync {
    static final String SERVICE_NAME = "kubernetes.io/service-name";
    static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
    static final String MANAGER = "endpointslice-controller.k8s.io";

    private final KubernetesClient client;
    private final Indexer<Service> services;
    private final Indexer<Pod> pods;
    private final Indexer<EndpointSlice> slices;
    private final Expectations expectations;

    EndpointSliceSync(KubernetesClient client, Indexer<Service> services, Indexer<Pod> pods, Indexer<EndpointSlice> slices,
                      Expectations expectations) {
        this.client = client;
        this.services = services;
        this.pods = pods;
        this.slices = slices;
        this.expectations = expectations;
    }

    Duration reconcile(String key) {
        Service svc = services.getByKey(key);
        if (svc == null) {
            // The slices are owned by the service: the garbage collector removes them.
            expectations.forget(key);
            return null;
        }
        if (!ServicePods.hasSelector(svc) || !expectations.satisfied(key)) {
            return null;
        }
        String namespace = svc.getMetadata().getNamespace();
        List<EndpointSlice> mine = slices.byIndex("namespace", namespace).stream()
                .filter(s -> key.equals(EndpointSliceController.serviceKey(s))).toList();
        SlicePlan plan = SlicePlan.of(SliceEndpoints.of(svc, pods.byIndex("namespace", namespace)), mine);
        for (SlicePlan.Fill fill : plan.updates()) {
            EndpointSlice slice = new EndpointSliceBuilder(fill.slice()).withPorts(fill.ports()).withEndpoints(fill.endpoints()).build();
            client.discovery().v1().endpointSlices().inNamespace(namespace).resource(slice).update();
        }
        expectations.expect(key, plan.creates().size(), Set.of());
        List<SlicePlan.Fill> creates = plan.creates();
        for (int i = 0; i < creates.size(); i++) {
            try {
                client.discovery().v1().endpointSlices().inNamespace(namespace).resource(newSlice(svc, creates.get(i))).create();
            } catch (KubernetesClientException e) {
                // This one and the rest will never be seen.
                for (int j = i; j < creates.size(); j++) {
                    expectations.creationObserved(key);
                }
                throw e;
            }
        }
        for (EndpointSlice slice : plan.deletes()) {
            client.discovery().v1().endpointSlices().inNamespace(namespace).resource(slice).delete();
        }
        return null;
    }

    private static EndpointSlice newSlice(Service svc, SlicePlan.Fill fill) {
        Map<String, String> labels = new LinkedHashMap<>(svc.getMetadata().getLabels() == null ? Map.of() : svc.getMetadata().getLabels());
        labels.put(SERVICE_NAME, svc.getMetadata().getName());
        labels.put(MANAGED_BY, MANAGER);
        return new EndpointSliceBuilder().withNewMetadata().withGenerateName(svc.getMetadata().getName() + "-")
                .withNamespace(svc.getMetadata().getNamespace()).withLabels(labels)
                .withOwnerReferences(OwnerRefs.controllerRef(svc)).endMetadata()
                .withAddressType("IPv4").withPorts(fill.ports()).withEndpoints(fill.endpoints()).build();
    }
}

package io.k8j.dns;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.k8j.client.SharedInformers;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@link ClusterState} over the Service and EndpointSlice informers, with an index per question the zone asks. */
final class InformerClusterState implements ClusterState {
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    private static final String BY_SERVICE = "service";
    private static final String BY_CLUSTER_IP = "clusterIP";
    private static final String BY_ADDRESS = "address";

    private final SharedIndexInformer<Service> services;
    private final SharedIndexInformer<EndpointSlice> slices;

    /** Adds the indexes to the two informers; call before they start. */
    InformerClusterState(SharedInformers informers) {
        this.services = informers.of(Service.class);
        this.slices = informers.of(EndpointSlice.class);
        services.addIndexers(Map.of(BY_CLUSTER_IP, svc -> svc.getSpec().getClusterIPs() == null
                ? List.of() : List.copyOf(svc.getSpec().getClusterIPs())));
        slices.addIndexers(Map.of(
                BY_SERVICE, slice -> {
                    String service = slice.getMetadata().getLabels() == null ? null : slice.getMetadata().getLabels().get(SERVICE_NAME_LABEL);
                    return service == null ? List.of() : List.of(slice.getMetadata().getNamespace() + "/" + service);
                },
                BY_ADDRESS, slice -> slice.getEndpoints() == null ? List.of() : slice.getEndpoints().stream()
                        .map(Endpoint::getAddresses).filter(Objects::nonNull).flatMap(List::stream).distinct().toList()));
    }

    @Override
    public Service service(String namespace, String name) {
        return services.getIndexer().getByKey(namespace + "/" + name);
    }

    @Override
    public List<EndpointSlice> endpointSlices(String namespace, String service) {
        return slices.getIndexer().byIndex(BY_SERVICE, namespace + "/" + service);
    }

    @Override
    public boolean hasServices(String namespace) {
        return !services.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace).isEmpty();
    }

    @Override
    public List<Service> servicesWithClusterIp(String ip) {
        return services.getIndexer().byIndex(BY_CLUSTER_IP, ip);
    }

    @Override
    public List<EndpointSlice> endpointSlicesWithAddress(String ip) {
        return slices.getIndexer().byIndex(BY_ADDRESS, ip);
    }
}

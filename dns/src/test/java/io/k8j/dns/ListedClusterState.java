package io.k8j.dns;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.List;

/** {@link ClusterState} over plain lists, for tests of the zone. */
record ListedClusterState(List<Service> services, List<EndpointSlice> slices) implements ClusterState {

    @Override
    public Service service(String namespace, String name) {
        return services.stream().filter(s -> s.getMetadata().getNamespace().equals(namespace)
                && s.getMetadata().getName().equals(name)).findFirst().orElse(null);
    }

    @Override
    public List<EndpointSlice> endpointSlices(String namespace, String service) {
        return slices.stream().filter(s -> s.getMetadata().getNamespace().equals(namespace)
                && service.equals(s.getMetadata().getLabels().get("kubernetes.io/service-name"))).toList();
    }

    @Override
    public boolean hasServices(String namespace) {
        return services.stream().anyMatch(s -> s.getMetadata().getNamespace().equals(namespace));
    }

    @Override
    public List<Service> servicesWithClusterIp(String ip) {
        return services.stream().filter(s -> s.getSpec().getClusterIPs() != null && s.getSpec().getClusterIPs().contains(ip)).toList();
    }

    @Override
    public List<EndpointSlice> endpointSlicesWithAddress(String ip) {
        return slices.stream().filter(s -> s.getEndpoints().stream().anyMatch(e -> e.getAddresses().contains(ip))).toList();
    }
}

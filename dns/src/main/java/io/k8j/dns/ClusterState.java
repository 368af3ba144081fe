package io.k8j.dns;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.List;

/**
 * What cluster DNS reads to answer: Services and EndpointSlices, as an informer's caches hold them. Every method
 * reads memory (never the API server), since one is called per query.
 */
public interface ClusterState {

    /** The Service, or null when there is none. */
    Service service(String namespace, String name);

    /** The slices labelled {@code kubernetes.io/service-name=service} in the namespace. */
    List<EndpointSlice> endpointSlices(String namespace, String service);

    /** Whether the namespace holds any Service, so that {@code ns.svc.DOMAIN} exists as a name. */
    boolean hasServices(String namespace);

    /** The Services whose spec.clusterIPs hold {@code ip} (normally one), for PTR. */
    List<Service> servicesWithClusterIp(String ip);

    /** The slices with an endpoint at {@code ip}, for PTR. */
    List<EndpointSlice> endpointSlicesWithAddress(String ip);
}

package io.k8j.proxy;

import java.util.List;

/**
 * kube-proxy's CategorizeEndpoints, for one Service port: which endpoints take cluster traffic and which take
 * traffic under a Local policy. Ready endpoints are used; only when none is ready are the serving endpoints
 * that are terminating used, so connections drain to a rolling update's old pods rather than fail.
 */
record EndpointSelection(List<EndpointInfo> cluster, List<EndpointInfo> local) {

    static EndpointSelection of(ServicePortInfo port, List<EndpointInfo> all, String nodeName) {
        List<EndpointInfo> local = usable(all.stream().filter(e -> nodeName.equals(e.nodeName())).toList());
        List<EndpointInfo> cluster = port.internalLocal() ? local : usable(all);
        return new EndpointSelection(cluster, local);
    }

    /** The endpoints that receive NodePort traffic. */
    List<EndpointInfo> external(ServicePortInfo port) {
        return port.externalLocal() ? local : cluster;
    }

    private static List<EndpointInfo> usable(List<EndpointInfo> endpoints) {
        List<EndpointInfo> ready = endpoints.stream().filter(EndpointInfo::ready).toList();
        if (!ready.isEmpty()) {
            return ready;
        }
        return endpoints.stream().filter(e -> e.serving() && e.terminating()).toList();
    }
}

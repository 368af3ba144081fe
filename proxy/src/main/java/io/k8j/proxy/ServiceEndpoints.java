package io.k8j.proxy;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The endpoints of every Service port, merged from the Service's EndpointSlices (label
 * {@code kubernetes.io/service-name}), as kube-proxy's EndpointSliceCache: keyed by {@link ServicePortInfo#id()},
 * one entry per address and port (the same endpoint in two slices counts once), IPv4 slices only.
 */
final class ServiceEndpoints {
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private ServiceEndpoints() {
    }

    static Map<String, List<EndpointInfo>> byServicePort(Collection<EndpointSlice> slices) {
        Map<String, Map<String, EndpointInfo>> merged = new HashMap<>();
        for (EndpointSlice slice : slices) {
            String service = slice.getMetadata().getLabels() == null ? null : slice.getMetadata().getLabels().get(SERVICE_NAME_LABEL);
            if (service == null || !"IPv4".equals(slice.getAddressType()) || slice.getPorts() == null || slice.getEndpoints() == null) {
                continue;
            }
            for (EndpointPort port : slice.getPorts()) {
                if (port.getPort() == null) {
                    continue;
                }
                String portName = port.getName() == null ? "" : port.getName();
                String key = slice.getMetadata().getNamespace() + "/" + service + (portName.isEmpty() ? "" : ":" + portName);
                Map<String, EndpointInfo> endpoints = merged.computeIfAbsent(key, k -> new TreeMap<>());
                for (Endpoint endpoint : slice.getEndpoints()) {
                    if (endpoint.getAddresses() == null || endpoint.getAddresses().isEmpty()) {
                        continue;
                    }
                    EndpointInfo info = info(endpoint, port.getPort());
                    endpoints.putIfAbsent(info.address(), info);
                }
            }
        }
        Map<String, List<EndpointInfo>> result = new LinkedHashMap<>();
        merged.forEach((key, endpoints) -> result.put(key,
                endpoints.values().stream().sorted(Comparator.comparing(EndpointInfo::address)).toList()));
        return result;
    }

    /** Unknown readiness and serving count as true, unknown terminating as false (the EndpointSlice API's advice). */
    private static EndpointInfo info(Endpoint endpoint, int port) {
        EndpointConditions c = endpoint.getConditions();
        boolean ready = c == null || c.getReady() == null || c.getReady();
        boolean serving = c == null || c.getServing() == null ? ready : c.getServing();
        boolean terminating = c != null && c.getTerminating() != null && c.getTerminating();
        return new EndpointInfo(endpoint.getAddresses().getFirst(), port, ready, serving, terminating, endpoint.getNodeName());
    }
}

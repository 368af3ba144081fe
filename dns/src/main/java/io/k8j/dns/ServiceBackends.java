package io.k8j.dns;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Service's ready endpoints across its EndpointSlices, each once, as CoreDNS's kubernetes plugin names them: the
 * endpoint's hostname (a StatefulSet pod's, or a pod's with hostname and subdomain) or else its address with
 * dashes ({@code 10-42-0-7}).
 */
final class ServiceBackends {

    /** One ready endpoint address and the ports its slice serves. */
    record Backend(String name, String ip, List<EndpointPort> ports) {
    }

    private ServiceBackends() {
    }

    static List<Backend> ready(List<EndpointSlice> slices) {
        Map<String, Backend> byIp = new LinkedHashMap<>();
        for (EndpointSlice slice : slices) {
            List<EndpointPort> ports = slice.getPorts() == null ? List.of() : slice.getPorts();
            for (Endpoint e : slice.getEndpoints() == null ? List.<Endpoint>of() : slice.getEndpoints()) {
                if (!isReady(e) || e.getAddresses() == null) {
                    continue;
                }
                for (String ip : e.getAddresses()) {
                    byIp.putIfAbsent(ip, new Backend(name(e, ip), ip, ports));
                }
            }
        }
        return new ArrayList<>(byIp.values());
    }

    /** The name of {@code ip} among {@code slices}' endpoints (ready or not, as PTR asks about any), or null. */
    static String nameOf(String ip, List<EndpointSlice> slices) {
        for (EndpointSlice slice : slices) {
            for (Endpoint e : slice.getEndpoints() == null ? List.<Endpoint>of() : slice.getEndpoints()) {
                if (e.getAddresses() != null && e.getAddresses().contains(ip)) {
                    return name(e, ip);
                }
            }
        }
        return null;
    }

    /** A nil ready condition means ready (the EndpointSlice API's contract). */
    private static boolean isReady(Endpoint e) {
        return e.getConditions() == null || e.getConditions().getReady() == null || e.getConditions().getReady();
    }

    private static String name(Endpoint e, String ip) {
        String hostname = e.getHostname();
        return hostname != null && !hostname.isEmpty() ? hostname : ip.replace('.', '-').replace(':', '-');
    }
}

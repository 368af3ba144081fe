package io.k8j.controllers.endpointslice;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to write so that a service's slices hold its endpoints: each port set's endpoints packed into
 * chunks of at most {@link #MAX_ENDPOINTS}, each chunk into an existing slice of that port set where
 * one is left (updated only if it differs), into a new one otherwise; slices left over are deleted. A
 * service without endpoints keeps one empty slice, as kube's placeholder.
 */
record SlicePlan(List<Fill> creates, List<Fill> updates, List<EndpointSlice> deletes) {
    static final int MAX_ENDPOINTS = 100;

    /** A slice's content: ports and endpoints; {@code slice} is the existing slice to update, or null. */
    record Fill(EndpointSlice slice, List<EndpointPort> ports, List<Endpoint> endpoints) {
    }

    static SlicePlan of(Map<List<EndpointPort>, List<Endpoint>> groups, List<EndpointSlice> existing) {
        if (groups.isEmpty()) {
            groups = Map.of(List.of(), List.of());
        }
        List<EndpointSlice> unused = new ArrayList<>(existing);
        unused.sort(Comparator.comparing(s -> s.getMetadata().getName()));
        List<Fill> creates = new ArrayList<>();
        List<Fill> updates = new ArrayList<>();
        for (var group : groups.entrySet()) {
            for (List<Endpoint> chunk : pack(group.getValue(), MAX_ENDPOINTS)) {
                EndpointSlice slice = unused.stream().filter(s -> portsOf(s).equals(group.getKey())).findFirst().orElse(null);
                if (slice == null) {
                    creates.add(new Fill(null, group.getKey(), chunk));
                } else {
                    unused.remove(slice);
                    if (!Objects.equals(endpointsOf(slice), chunk)) {
                        updates.add(new Fill(slice, group.getKey(), chunk));
                    }
                }
            }
        }
        return new SlicePlan(creates, updates, unused);
    }

    /** {@code endpoints} in order, in chunks of at most {@code max}; one empty chunk for none. */
    static List<List<Endpoint>> pack(List<Endpoint> endpoints, int max) {
        List<List<Endpoint>> chunks = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i += max) {
            chunks.add(endpoints.subList(i, Math.min(endpoints.size(), i + max)));
        }
        return chunks.isEmpty() ? List.of(List.of()) : chunks;
    }

    static List<EndpointPort> portsOf(EndpointSlice slice) {
        return slice.getPorts() == null ? List.of() : slice.getPorts();
    }

    static List<Endpoint> endpointsOf(EndpointSlice slice) {
        return slice.getEndpoints() == null ? List.of() : slice.getEndpoints();
    }
}

package io.k8j.controllers.endpoints;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.k8j.controllers.replicaset.PodReadiness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The subsets of a Service's Endpoints from its pods (kube's endpoints controller with RepackSubsets):
 * pods are grouped by the ports they serve, ready ones under addresses, the others under
 * notReadyAddresses unless the service publishes not-ready addresses; each list sorted by IP.
 */
public final class EndpointSubsets {
    private record Group(List<EndpointPort> ports, List<EndpointAddress> ready, List<EndpointAddress> notReady) {
    }

    private EndpointSubsets() {
    }

    public static List<EndpointSubset> of(Service svc, List<Pod> pods) {
        boolean publishNotReady = Boolean.TRUE.equals(svc.getSpec().getPublishNotReadyAddresses());
        Map<String, Group> groups = new TreeMap<>();
        for (Pod pod : pods) {
            if (!ServicePods.selects(svc, pod) || !ServicePods.belongs(pod, publishNotReady)) {
                continue;
            }
            List<EndpointPort> ports = ports(svc, pod);
            if (ports.isEmpty() && !ServicePods.ports(svc).isEmpty()) {
                continue;
            }
            Group group = groups.computeIfAbsent(ports.toString(), k -> new Group(ports, new ArrayList<>(), new ArrayList<>()));
            (publishNotReady || PodReadiness.isReady(pod) ? group.ready : group.notReady).add(address(svc, pod));
        }
        return groups.values().stream().map(g -> new EndpointSubsetBuilder().withPorts(g.ports)
                .withAddresses(sorted(g.ready)).withNotReadyAddresses(sorted(g.notReady)).build()).toList();
    }

    /** The service's ports this pod serves, sorted by name; a named target port the pod lacks is left out. */
    private static List<EndpointPort> ports(Service svc, Pod pod) {
        List<EndpointPort> ports = new ArrayList<>();
        for (ServicePort sp : ServicePods.ports(svc)) {
            Integer target = ServicePods.targetPort(sp, pod);
            if (target != null) {
                ports.add(new EndpointPortBuilder().withName(sp.getName()).withPort(target)
                        .withProtocol(sp.getProtocol() == null ? "TCP" : sp.getProtocol()).withAppProtocol(sp.getAppProtocol()).build());
            }
        }
        ports.sort(Comparator.comparing(p -> p.getName() == null ? "" : p.getName()));
        return ports;
    }

    private static EndpointAddress address(Service svc, Pod pod) {
        return new EndpointAddressBuilder().withIp(ServicePods.podIp(pod)).withHostname(ServicePods.hostname(svc, pod))
                .withNodeName(pod.getSpec().getNodeName()).withTargetRef(ServicePods.targetRef(pod)).build();
    }

    /** Sorted by IP as kube does, so that the same pods always give the same object; null when empty. */
    private static List<EndpointAddress> sorted(List<EndpointAddress> addresses) {
        if (addresses.isEmpty()) {
            return null;
        }
        addresses.sort(Comparator.comparing(EndpointAddress::getIp).thenComparing(a -> a.getTargetRef().getUid(), Comparator.nullsFirst(Comparator.naturalOrder())));
        return addresses;
    }
}

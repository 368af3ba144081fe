package io.k8j.controllers.endpointslice;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.k8j.controllers.endpoints.ServicePods;
import io.k8j.controllers.replicaset.PodReadiness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoints of a Service's slices from its pods, grouped by the ports they serve (a slice holds one
 * port set). As kube's podToEndpoint: terminating pods stay with terminating=true; serving is the pod's
 * readiness; ready is serving and not terminating, or always true with publishNotReadyAddresses.
 */
final class SliceEndpoints {
    private SliceEndpoints() {
    }

    /** Port set -> its endpoints, sorted by pod name; port sets in a stable order. */
    static Map<List<EndpointPort>, List<Endpoint>> of(Service svc, List<Pod> pods) {
        Map<List<EndpointPort>, List<Endpoint>> groups = new LinkedHashMap<>();
        List<Pod> sorted = pods.stream().filter(p -> ServicePods.selects(svc, p) && ServicePods.belongs(p, true))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
        for (Pod pod : sorted) {
            List<EndpointPort> ports = ports(svc, pod);
            if (ports.isEmpty() && !ServicePods.ports(svc).isEmpty()) {
                continue;
            }
            groups.computeIfAbsent(ports, k -> new ArrayList<>()).add(endpoint(svc, pod));
        }
        return groups;
    }

    private static List<EndpointPort> ports(Service svc, Pod pod) {
        List<EndpointPort> ports = new ArrayList<>();
        for (ServicePort sp : ServicePods.ports(svc)) {
            Integer target = ServicePods.targetPort(sp, pod);
            if (target != null) {
                ports.add(new EndpointPortBuilder().withName(sp.getName() == null ? "" : sp.getName()).withPort(target)
                        .withProtocol(sp.getProtocol() == null ? "TCP" : sp.getProtocol()).withAppProtocol(sp.getAppProtocol()).build());
            }
        }
        ports.sort(Comparator.comparing(EndpointPort::getName));
        return ports;
    }

    private static Endpoint endpoint(Service svc, Pod pod) {
        boolean serving = PodReadiness.isReady(pod);
        boolean terminating = pod.getMetadata().getDeletionTimestamp() != null;
        boolean ready = Boolean.TRUE.equals(svc.getSpec().getPublishNotReadyAddresses()) || serving && !terminating;
        return new EndpointBuilder().withAddresses(ServicePods.podIp(pod))
                .withNewConditions().withReady(ready).withServing(serving).withTerminating(terminating).endConditions()
                .withNodeName(pod.getSpec().getNodeName()).withHostname(ServicePods.hostname(svc, pod))
                .withTargetRef(ServicePods.targetRef(pod)).build();
    }
}

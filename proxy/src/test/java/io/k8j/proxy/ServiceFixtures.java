package io.k8j.proxy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;

import java.util.List;

/** Services and EndpointSlices as the API server and the EndpointSlice controller write them. */
final class ServiceFixtures {
    private ServiceFixtures() {
    }

    static ServiceBuilder clusterIp(String name, String ip, int port) {
        return new ServiceBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP(ip).addNewPort().withName("http").withProtocol("TCP")
                .withPort(port).endPort().endSpec();
    }

    static Service nodePort(String name, String ip, int port, int nodePort, String externalTrafficPolicy) {
        return new ServiceBuilder(clusterIp(name, ip, port).build()).editSpec().withType("NodePort")
                .withExternalTrafficPolicy(externalTrafficPolicy).editFirstPort().withNodePort(nodePort).endPort().endSpec().build();
    }

    /** A ready endpoint on {@code node}. */
    static Ep ready(String ip, String node) {
        return new Ep(ip, node, true, true, false);
    }

    static Ep terminating(String ip, String node, boolean serving) {
        return new Ep(ip, node, false, serving, true);
    }

    record Ep(String ip, String node, boolean ready, boolean serving, boolean terminating) {
    }

    static EndpointSlice slice(String service, int targetPort, Ep... endpoints) {
        return new EndpointSliceBuilder().withNewMetadata().withNamespace("default").withName(service + "-abc12")
                .addToLabels(ServiceEndpoints.SERVICE_NAME_LABEL, service).endMetadata()
                .withAddressType("IPv4").addNewPort().withName("http").withProtocol("TCP").withPort(targetPort).endPort()
                .withEndpoints(List.of(endpoints).stream().map(e -> new EndpointBuilder().withAddresses(e.ip()).withNodeName(e.node())
                        .withNewConditions().withReady(e.ready()).withServing(e.serving()).withTerminating(e.terminating())
                        .endConditions().build()).toList())
                .build();
    }
}

package io.k8j.dns;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * The {@code kube-dns} Service in kube-system, as kubeadm and k3s name it (what pods' resolv.conf and tools look
 * for), at the cluster DNS ClusterIP. It has no selector: its one EndpointSlice, written here, points at where this
 * server listens (the endpointslice controller leaves selector-less Services to their owners), and is rewritten at
 * every start since the address may change.
 */
final class KubeDnsService {
    private static final Logger LOG = LoggerFactory.getLogger(KubeDnsService.class);
    static final String NAMESPACE = "kube-system";
    static final String NAME = "kube-dns";

    private KubeDnsService() {
    }

    static void publish(KubernetesClient client, String serviceIp, InetSocketAddress endpoint) {
        Service existing = client.services().inNamespace(NAMESPACE).withName(NAME).get();
        if (existing == null) {
            client.resource(service(serviceIp)).create();
        } else if (!serviceIp.equals(existing.getSpec().getClusterIP())) {
            LOG.warn("Service {}/{} has ClusterIP {}, not --cluster-dns {}; pods are told {}: delete the Service to have "
                    + "it made again", NAMESPACE, NAME, existing.getSpec().getClusterIP(), serviceIp, serviceIp);
        }
        client.resource(slice(endpoint)).createOr(NonDeletingOperation::update);
    }

    static Service service(String serviceIp) {
        return new ServiceBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(NAME)
                .addToLabels("k8s-app", "kube-dns").addToLabels("kubernetes.io/name", "CoreDNS")
                .addToLabels("kubernetes.io/cluster-service", "true").endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP(serviceIp)
                .addNewPort().withName("dns").withProtocol("UDP").withPort(53).withNewTargetPort(53).endPort()
                .addNewPort().withName("dns-tcp").withProtocol("TCP").withPort(53).withNewTargetPort(53).endPort()
                .endSpec().build();
    }

    static EndpointSlice slice(InetSocketAddress endpoint) {
        return new EndpointSliceBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(NAME)
                .addToLabels(InformerClusterState.SERVICE_NAME_LABEL, NAME)
                .addToLabels("endpointslice.kubernetes.io/managed-by", "k8j-dns").endMetadata()
                .withAddressType(endpoint.getAddress() instanceof Inet4Address ? "IPv4" : "IPv6")
                .addNewEndpoint().withAddresses(endpoint.getAddress().getHostAddress()).withNewConditions()
                .withReady(true).withServing(true).withTerminating(false).endConditions().endEndpoint()
                .addNewPort().withName("dns").withProtocol("UDP").withPort(endpoint.getPort()).endPort()
                .addNewPort().withName("dns-tcp").withProtocol("TCP").withPort(endpoint.getPort()).endPort()
                .build();
    }
}

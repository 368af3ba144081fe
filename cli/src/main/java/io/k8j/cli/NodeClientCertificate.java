package io.k8j.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8j.apiserver.pki.KeyAndRequest;

import java.nio.file.Path;
import java.security.cert.CertificateException;

/**
 * A joined node's client certificate, renewed as the node itself (the kubelet's rotateCertificates): stored in
 * DATA_DIR/agent/kubelet.kubeconfig and kubelet.key, and presented by the node's clients from their next connection.
 */
final class NodeClientCertificate implements CertificateRotation.Renewable {
    private final Path kubeconfig;
    private final Config config;
    private final String nodeName;
    private final NodeClients clients;
    private final KubernetesClient client;

    NodeClientCertificate(Path kubeconfig, Config config, String nodeName, NodeClients clients, KubernetesClient client) {
        this.kubeconfig = kubeconfig;
        this.config = config;
        this.nodeName = nodeName;
        this.clients = clients;
        this.client = client;
    }

    @Override
    public String what() {
        return "client certificate";
    }

    @Override
    public NodeCertificate renew() throws InterruptedException {
        KeyAndRequest request = NodeCsrs.clientRequest(nodeName);
        String certPem = NodeCsrs.clientCertificate(client, request, nodeName);
        NodeJoin.write(kubeconfig.getParent(), kubeconfig, config.getMasterUrl().replaceAll("/+$", ""),
                InputFiles.caPem(config), certPem, request);
        clients.update(certPem, request.keyPem());
        try {
            return NodeCertificate.of(certPem);
        } catch (CertificateException e) {
            throw new IllegalStateException("the signed client certificate is unreadable", e);
        }
    }
}

package io.k8j.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8j.apiserver.pki.IssuedCert;
import io.k8j.apiserver.pki.KeyAndRequest;
import io.k8j.apiserver.pki.PemChecks;
import io.k8j.apiserver.pki.SecureFiles;
import io.k8j.kubelet.Kubelet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.List;

/**
 * A joined node's serving certificate from the cluster CA, asked for through a kubelet-serving CSR for the node's
 * addresses (the kubelet's serverTLSBootstrap), stored in DATA_DIR/agent/kubelet-server.crt and .key (0600), and
 * served by the node server from its next connection.
 */
final class NodeServingCertificate implements CertificateRotation.Renewable {
    private final Path dir;
    private final String nodeName;
    private final List<String> addresses;
    private final KubernetesClient client;
    private final Kubelet kubelet;

    NodeServingCertificate(Path dir, String nodeName, List<String> addresses, KubernetesClient client, Kubelet kubelet) {
        this.dir = dir;
        this.nodeName = nodeName;
        this.addresses = addresses;
        this.client = client;
        this.kubelet = kubelet;
    }

    /** The certificate stored by an earlier run, or null when there is none or it expired. */
    static IssuedCert stored(Path dir) {
        try {
            String certPem = Files.readString(certFile(dir));
            String keyPem = Files.readString(keyFile(dir));
            boolean usable = PemChecks.isCertificate(certPem) && PemChecks.keyMatches(certPem, keyPem)
                    && !NodeCertificate.of(certPem).expired(Instant.now());
            return usable ? new IssuedCert(certPem, keyPem) : null;
        } catch (IOException | CertificateException e) {
            return null;
        }
    }

    @Override
    public String what() {
        return "serving certificate";
    }

    @Override
    public NodeCertificate renew() throws InterruptedException {
        KeyAndRequest request = NodeCsrs.servingRequest(nodeName, addresses);
        String certPem = NodeCsrs.servingCertificate(client, request, nodeName);
        SecureFiles.writeAtomically(keyFile(dir), request.keyPem(), true);
        SecureFiles.writeAtomically(certFile(dir), certPem, true);
        kubelet.updateServingCertificate(certPem, request.keyPem());
        try {
            return NodeCertificate.of(certPem);
        } catch (CertificateException e) {
            throw new IllegalStateException("the signed serving certificate is unreadable", e);
        }
    }

    private static Path certFile(Path dir) {
        return dir.resolve("kubelet-server.crt");
    }

    private static Path keyFile(Path dir) {
        return dir.resolve("kubelet-server.key");
    }
}

package io.k8j.cli;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.k8j.apiserver.pki.KeyAndRequest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A node's certificates through the CertificateSigningRequest API, as the kubelet asks for them: its client
 * certificate (signer kube-apiserver-client-kubelet) and its node server's serving certificate (signer
 * kubelet-serving, for the node's addresses; EC keys, so no key encipherment). Waits a bounded time for the
 * controllers, or a person, to approve and sign.
 */
final class NodeCsrs {
    static final String CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client-kubelet";
    static final String SERVING_SIGNER = "kubernetes.io/kubelet-serving";
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(500);

    private NodeCsrs() {
    }

    /** A key and request for system:node:NAME's client certificate. */
    static KeyAndRequest clientRequest(String nodeName) {
        return KeyAndRequest.generate("system:node:" + nodeName, List.of("system:nodes"));
    }

    /** A key and request for system:node:NAME's serving certificate, naming {@code addresses}. */
    static KeyAndRequest servingRequest(String nodeName, List<String> addresses) {
        return KeyAndRequest.generate("system:node:" + nodeName, List.of("system:nodes"), addresses);
    }

    /** The signed client certificate (PEM) for {@code request}, asked for as {@code client}'s user. */
    static String clientCertificate(KubernetesClient client, KeyAndRequest request, String nodeName)
            throws InterruptedException {
        return certificate(client, "node-csr-", CLIENT_SIGNER, List.of("digital signature", "client auth"), request,
                nodeName);
    }

    /** The signed serving certificate (PEM) for {@code request}, asked for as the node. */
    static String servingCertificate(KubernetesClient client, KeyAndRequest request, String nodeName)
            throws InterruptedException {
        return certificate(client, "csr-", SERVING_SIGNER, List.of("digital signature", "server auth"), request,
                nodeName);
    }

    private static String certificate(KubernetesClient client, String prefix, String signer, List<String> usages,
                                      KeyAndRequest request, String nodeName) throws InterruptedException {
        var csrs = client.certificates().v1().certificateSigningRequests();
        String name = prefix + UUID.randomUUID();
        csrs.resource(new CertificateSigningRequestBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withSignerName(signer).withUsages(usages)
                .withRequest(Base64.getEncoder().encodeToString(request.requestPem().getBytes(StandardCharsets.UTF_8)))
                .endSpec().build()).create();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String issued = issued(csrs.withName(name).get(), name);
            if (issued != null) {
                return issued;
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new StartupFailure("certificate request " + name + " for node " + nodeName + " was not signed within "
                + WAIT.toSeconds() + "s; approve it with `kubectl certificate approve " + name + "`");
    }

    /** The signed certificate's PEM, or null while there is none; a denied or failed request is an error. */
    private static String issued(CertificateSigningRequest csr, String name) {
        if (csr == null || csr.getStatus() == null) {
            return null;
        }
        for (var condition : csr.getStatus().getConditions()) {
            if (condition.getType().equals("Denied") || condition.getType().equals("Failed")) {
                throw new StartupFailure("certificate request " + name + " was " + condition.getType().toLowerCase()
                        + ": " + condition.getMessage());
            }
        }
        String cert = csr.getStatus().getCertificate();
        return cert == null || cert.isEmpty() ? null : new String(Base64.getDecoder().decode(cert), StandardCharsets.UTF_8);
    }
}

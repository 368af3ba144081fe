package io.k8j.cli;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.k8j.apiserver.pki.KeyAndRequest;
import io.k8j.apiserver.pki.Kubeconfig;
import io.k8j.apiserver.pki.SecureFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * {@code k8j agent --server URL --token TOKEN}: checks the server's CA against the token's hash, then, as the
 * bootstrap token's user, asks for the node's client certificate through a CertificateSigningRequest
 * (CN=system:node:NAME, O=system:nodes, for a key made here), waits for the controllers to approve and sign it,
 * and writes DATA_DIR/agent/kubelet.kubeconfig; a later start reuses that kubeconfig and sends no token.
 */
final class NodeJoin {
    static final String SIGNER = "kubernetes.io/kube-apiserver-client-kubelet";
    private static final Logger LOG = LoggerFactory.getLogger(NodeJoin.class);
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(500);

    private NodeJoin() {
    }

    /** The node's kubeconfig, made now or by an earlier join. */
    static Path kubeconfig(Path dataDir, String server, String tokenText, String caCertHash, String nodeName)
            throws InterruptedException {
        Path dir = dataDir.resolve("agent");
        Path kubeconfig = dir.resolve("kubelet.kubeconfig");
        if (Files.exists(kubeconfig)) {
            LOG.info("using {} from an earlier join", kubeconfig);
            return kubeconfig;
        }
        JoinToken token = JoinToken.parse(tokenText);
        if (token == null) {
            throw new StartupFailure("--token is not a bootstrap token (K10<sha256>::<id>.<secret>, or <id>.<secret> "
                    + "with --ca-cert-hash)");
        }
        String hash = hash(token, caCertHash);
        URI url = URI.create(server);
        String caPem = ServerCa.fetch(url, hash);
        SecureFiles.createPrivateDirectory(dir);
        KeyAndRequest request = KeyAndRequest.generate("system:node:" + nodeName, List.of("system:nodes"));
        SecureFiles.writeAtomically(dir.resolve("kubelet.key"), request.keyPem(), true);
        String certPem = certificate(server, caPem, token, request, nodeName);
        Kubeconfig.write(kubeconfig, server, caPem, certPem, request.keyPem(), "default");
        LOG.info("joined as system:node:{}; wrote {}", nodeName, kubeconfig);
        return kubeconfig;
    }

    private static String hash(JoinToken token, String caCertHash) {
        if (token.caHash() != null) {
            if (caCertHash != null) {
                throw new StartupFailure("--ca-cert-hash is for a plain <id>.<secret> token; this token carries its own");
            }
            return token.caHash();
        }
        if (caCertHash == null || !caCertHash.matches("sha256:[0-9a-f]{64}")) {
            throw new StartupFailure("a plain <id>.<secret> token needs --ca-cert-hash sha256:<64 hex digits> "
                    + "(`k8j token create` prints a token that carries it)");
        }
        return caCertHash.substring("sha256:".length());
    }

    private static String certificate(String server, String caPem, JoinToken token, KeyAndRequest request,
                                      String nodeName) throws InterruptedException {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(server)
                .withCaCertData(Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8)))
                .withOauthToken(token.bearer()).withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            var csrs = client.certificates().v1().certificateSigningRequests();
            String name = "node-csr-" + UUID.randomUUID();
            try {
                csrs.resource(new CertificateSigningRequestBuilder().withNewMetadata().withName(name).endMetadata()
                        .withNewSpec().withSignerName(SIGNER).withUsages("digital signature", "client auth")
                        .withRequest(Base64.getEncoder().encodeToString(request.requestPem().getBytes(StandardCharsets.UTF_8)))
                        .endSpec().build()).create();
            } catch (KubernetesClientException e) {
                throw refused(e, token, server);
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                CertificateSigningRequest csr = csrs.withName(name).get();
                String issued = issued(csr, name);
                if (issued != null) {
                    return issued;
                }
                Thread.sleep(POLL.toMillis());
            }
            throw new StartupFailure("certificate request " + name + " for node " + nodeName + " was not signed within "
                    + WAIT.toSeconds() + "s; approve it with `kubectl certificate approve " + name + "`");
        }
    }

    /** The signed certificate's PEM, or null while there is none; a denied or failed request ends the join. */
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

    private static RuntimeException refused(KubernetesClientException e, JoinToken token, String server) {
        if (e.getCode() == 401) {
            return new StartupFailure("the API server at " + server + " refused bootstrap token \"" + token.id()
                    + "\": it is unknown, deleted or expired (make one with `k8j token create`)");
        }
        if (e.getCode() == 403) {
            return new StartupFailure("bootstrap token \"" + token.id() + "\" may not create certificate requests ("
                    + e.getStatus().getMessage() + ")");
        }
        return e;
    }
}

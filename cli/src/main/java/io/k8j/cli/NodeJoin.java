package io.k8j.cli;

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
import java.time.Instant;
import java.util.Base64;

/**
 * {@code k8j agent --server URL --token TOKEN}: checks the server's CA against the token's hash, then, as the
 * bootstrap token's user, asks for the node's client certificate through a CertificateSigningRequest
 * (CN=system:node:NAME, O=system:nodes, for a key made here), waits for the controllers to approve and sign it,
 * and writes DATA_DIR/agent/kubelet.kubeconfig; a later start reuses that kubeconfig and sends no token.
 * A running agent renews it ({@link CertificateRotation}); one found past 80% of its life at start is renewed first.
 */
final class NodeJoin {
    private static final Logger LOG = LoggerFactory.getLogger(NodeJoin.class);

    private NodeJoin() {
    }

    /**
     * The node's kubeconfig, made now or by an earlier join; a certificate past 80% of its life is renewed first, as
     * the node itself (kubelet rotates between 70% and 90%), and an expired one is replaced by joining again.
     */
    static Path kubeconfig(Path dataDir, String server, String tokenText, String caCertHash, String nodeName)
            throws InterruptedException {
        Path dir = dataDir.resolve("agent");
        Path kubeconfig = dir.resolve("kubelet.kubeconfig");
        if (Files.exists(kubeconfig)) {
            NodeCertificate current = NodeCertificate.of(InputFiles.kubeconfig(kubeconfig));
            Instant now = Instant.now();
            if (!current.expired(now)) {
                if (current.renewalDue(now)) {
                    renew(dir, kubeconfig, nodeName, current);
                } else {
                    LOG.info("using {} from an earlier join (its certificate expires {})", kubeconfig, current.notAfter());
                }
                return kubeconfig;
            }
            LOG.warn("the client certificate in {} expired {}; joining again with --token", kubeconfig, current.notAfter());
        }
        JoinToken token = JoinToken.parse(tokenText);
        if (token == null) {
            throw new StartupFailure("--token is not a bootstrap token (K10<sha256>::<id>.<secret>, or <id>.<secret> "
                    + "with --ca-cert-hash)");
        }
        String hash = hash(token, caCertHash);
        String caPem = ServerCa.fetch(URI.create(server), hash);
        Config bootstrap = new ConfigBuilder(Config.empty()).withMasterUrl(server)
                .withCaCertData(Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8)))
                .withOauthToken(token.bearer()).withRequestRetryBackoffLimit(0).build();
        SecureFiles.createPrivateDirectory(dir);
        KeyAndRequest request = NodeCsrs.clientRequest(nodeName);
        String certPem;
        try {
            certPem = certificate(bootstrap, request, nodeName);
        } catch (KubernetesClientException e) {
            throw refused(e, token, server);
        }
        write(dir, kubeconfig, server, caPem, certPem, request);
        LOG.info("joined as system:node:{}; wrote {}", nodeName, kubeconfig);
        return kubeconfig;
    }

    /** A new key and certificate, asked for as the node; on failure the current certificate serves on. */
    private static void renew(Path dir, Path kubeconfig, String nodeName, NodeCertificate current)
            throws InterruptedException {
        Config config = InputFiles.kubeconfig(kubeconfig);
        config.setRequestRetryBackoffLimit(0);
        KeyAndRequest request = NodeCsrs.clientRequest(nodeName);
        try {
            String certPem = certificate(config, request, nodeName);
            write(dir, kubeconfig, config.getMasterUrl().replaceAll("/+$", ""), InputFiles.caPem(config), certPem, request);
            LOG.info("renewed the client certificate of system:node:{} (the old one expires {})", nodeName,
                    current.notAfter());
        } catch (KubernetesClientException | StartupFailure e) {
            LOG.warn("cannot renew the client certificate in {} ({}); it serves until {}", kubeconfig, e.getMessage(),
                    current.notAfter());
        }
    }

    /** Writes the node's key (0600) and its kubeconfig (0600) with {@code certPem}. */
    static void write(Path dir, Path kubeconfig, String server, String caPem, String certPem,
                              KeyAndRequest request) {
        SecureFiles.writeAtomically(dir.resolve("kubelet.key"), request.keyPem(), true);
        Kubeconfig.write(kubeconfig, server, caPem, certPem, request.keyPem(), "default");
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

    /** Asks for the node's client certificate as {@code config}'s user. */
    private static String certificate(Config config, KeyAndRequest request, String nodeName) throws InterruptedException {
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            return NodeCsrs.clientCertificate(client, request, nodeName);
        }
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

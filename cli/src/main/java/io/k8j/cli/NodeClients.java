package io.k8j.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.k8j.apiserver.pki.RotatingKeyManager;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * API clients of a joined node, which authenticate with its client certificate through one
 * {@link RotatingKeyManager}: when the certificate is renewed, every client's next connection presents the new
 * one, without rebuilding the clients.
 */
final class NodeClients {
    private final Config config;
    private final RotatingKeyManager keyManager;
    private final TrustManager[] trustManagers;

    NodeClients(Config config) {
        this.config = config;
        this.keyManager = new RotatingKeyManager(decode(config.getClientCertData()), decode(config.getClientKeyData()));
        try {
            this.trustManagers = SSLUtils.trustManagers(config);
        } catch (GeneralSecurityException | IOException e) {
            throw new StartupFailure("the node's kubeconfig names no usable certificate authority: " + e.getMessage());
        }
    }

    KubernetesClient build() {
        return new KubernetesClientBuilder().withConfig(config).withHttpClientBuilderConsumer(builder ->
                builder.sslContext(new KeyManager[]{keyManager}, trustManagers)).build();
    }

    /** New connections of every client built here present {@code certPem}. */
    void update(String certPem, String keyPem) {
        keyManager.update(certPem, keyPem);
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}

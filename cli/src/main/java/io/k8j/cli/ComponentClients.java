package io.k8j.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.k8j.apiserver.pki.ClusterPki;
import io.k8j.apiserver.pki.IssuedCert;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** Client configurations for the components k8j server runs beside the API server, each with its own identity. */
final class ComponentClients {
    private ComponentClients() {
    }

    static Config config(ClusterPki pki, String serverUrl, String user, List<String> groups) {
        IssuedCert cert = pki.issueClientCert(user, groups, Duration.ofDays(365));
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(serverUrl)
                .withCaCertData(base64(pki.caCertPem()))
                .withClientCertData(base64(cert.certPem()))
                .withClientKeyData(base64(cert.kubeconfigKeyPem()))
                .withClientKeyAlgo("EC")
                .build();
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }
}

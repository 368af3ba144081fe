package io.k8j.apiserver.pki;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.k8j.api.Json;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Writes a kubeconfig with the credentials inline, so it stays valid when copied to another machine.
 * Cluster, user and context share one name, as k3s's "default".
 */
public final class Kubeconfig {
    private Kubeconfig() {
    }

    /** Replaces {@code file} atomically with mode 0600: it holds a private key. */
    public static void write(Path file, String serverUrl, String caPem, String clientCertPem, String clientKeyPem,
                             String clusterName) {
        SecureFiles.writeAtomically(file, render(serverUrl, caPem, clientCertPem, clientKeyPem, clusterName), true);
    }

    private static String render(String serverUrl, String caPem, String clientCertPem, String clientKeyPem,
                                 String clusterName) {
        ObjectNode config = Json.YAML.createObjectNode()
                .put("apiVersion", "v1")
                .put("kind", "Config");
        ObjectNode cluster = config.putArray("clusters").addObject().put("name", clusterName).putObject("cluster");
        cluster.put("server", serverUrl).put("certificate-authority-data", base64(caPem));
        ObjectNode user = config.putArray("users").addObject().put("name", clusterName).putObject("user");
        user.put("client-certificate-data", base64(clientCertPem)).put("client-key-data", base64(clientKeyPem));
        config.putArray("contexts").addObject().put("name", clusterName).putObject("context")
                .put("cluster", clusterName).put("user", clusterName);
        config.put("current-context", clusterName);
        config.putObject("preferences");
        try {
            return Json.YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render kubeconfig", e);
        }
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }
}

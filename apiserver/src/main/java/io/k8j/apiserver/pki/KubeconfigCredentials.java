package io.k8j.apiserver.pki;

import com.fasterxml.jackson.databind.JsonNode;
import io.k8j.api.Json;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;

/**
 * The server URL and TLS credentials of a kubeconfig's current context (inline data only), for
 * clients that speak HTTP directly: benchmarks, tests, components.
 */
public record KubeconfigCredentials(String server, SSLContext sslContext) {

    public static KubeconfigCredentials read(Path kubeconfig) {
        return read(kubeconfig, true);
    }

    /** The server URL and its CA only, for a client that presents a bearer token instead of the certificate. */
    public static KubeconfigCredentials readServerTrust(Path kubeconfig) {
        return read(kubeconfig, false);
    }

    private static KubeconfigCredentials read(Path kubeconfig, boolean clientCertificate) {
        try {
            JsonNode config = Json.YAML.readTree(kubeconfig.toFile());
            String context = config.path("current-context").asText();
            JsonNode ctx = named(config.path("contexts"), context).path("context");
            JsonNode cluster = named(config.path("clusters"), ctx.path("cluster").asText()).path("cluster");
            JsonNode user = named(config.path("users"), ctx.path("user").asText()).path("user");
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", Pem.certificate(decode(cluster.path("certificate-authority-data"))));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(clientCertificate ? clientKeyManagers(user) : null, tmf.getTrustManagers(), null);
            return new KubeconfigCredentials(cluster.path("server").asText(), ssl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable credentials in " + kubeconfig, e);
        }
    }

    private static KeyManager[] clientKeyManagers(JsonNode user) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        char[] password = new char[0];
        keys.setKeyEntry("client", Pem.privateKey(decode(user.path("client-key-data"))), password,
                new Certificate[]{Pem.certificate(decode(user.path("client-certificate-data")))});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        return kmf.getKeyManagers();
    }

    private static JsonNode named(JsonNode list, String name) {
        for (JsonNode entry : list) {
            if (name.equals(entry.path("name").asText())) {
                return entry;
            }
        }
        throw new IllegalArgumentException("kubeconfig has no entry named " + name);
    }

    private static String decode(JsonNode base64) {
        return new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.UTF_8);
    }
}

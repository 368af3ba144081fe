package io.k8j.apiserver.admission.webhook;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One HTTPS client per caBundle, trusting only that bundle's certificates (the JDK's trusted roots when the
 * webhook gives none), so connections to a webhook are reused across requests.
 */
final class WebhookClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_CLIENTS = 64;

    private final Map<String, HttpClient> byCaBundle = new ConcurrentHashMap<>();

    /** {@code caBundle} is the base64 of PEM certificates, "" for the JDK's trusted roots. */
    HttpClient forCaBundle(String caBundle) throws WebhookCallException {
        HttpClient client = byCaBundle.get(caBundle);
        if (client != null) {
            return client;
        }
        if (byCaBundle.size() >= MAX_CLIENTS) {
            byCaBundle.clear(); // bundles that are no longer used go; current ones are rebuilt on their next call
        }
        try {
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT)
                    .sslContext(caBundle.isEmpty() ? SSLContext.getDefault() : trusting(caBundle)).build();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new WebhookCallException("could not get REST client: unable to load root certificates: " + e.getMessage());
        }
        byCaBundle.put(caBundle, client);
        return client;
    }

    private static SSLContext trusting(String caBundle) throws GeneralSecurityException {
        byte[] pem = Base64.getDecoder().decode(caBundle);
        KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            roots.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
            roots.setCertificateEntry("ca-" + i++, cert);
        }
        if (i == 0) {
            throw new GeneralSecurityException("no certificates in caBundle");
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(roots);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}

package io.k8j.cli;

import io.fabric8.kubernetes.client.Config;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.random.RandomGenerator;

/** The validity of one of a node's certificates, and when to renew it. */
record NodeCertificate(Instant notBefore, Instant notAfter) {
    static NodeCertificate of(Config kubeconfig) {
        if (kubeconfig.getClientCertData() == null) {
            throw new StartupFailure("the node's kubeconfig holds no client certificate; delete it to join again");
        }
        try {
            return of(Base64.getDecoder().decode(kubeconfig.getClientCertData()));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new StartupFailure("the node's kubeconfig holds no readable client certificate; delete it to join again");
        }
    }

    /** Throws CertificateException when {@code pem} holds no certificate. */
    static NodeCertificate of(String pem) throws CertificateException {
        return of(pem.getBytes(StandardCharsets.US_ASCII));
    }

    private static NodeCertificate of(byte[] encoded) throws CertificateException {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(encoded));
        return new NodeCertificate(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
    }

    boolean expired(Instant now) {
        return !now.isBefore(notAfter);
    }

    /** At start: past 80% of its life. */
    boolean renewalDue(Instant now) {
        return !now.isBefore(notBefore.plus(life().multipliedBy(4).dividedBy(5)));
    }

    /** When a running node renews it: at a random 70% to 90% of its life, as the kubelet's certificate manager. */
    Instant rotationDeadline(RandomGenerator random) {
        return notBefore.plusMillis((long) (life().toMillis() * (0.7 + 0.2 * random.nextDouble())));
    }

    private Duration life() {
        return Duration.between(notBefore, notAfter);
    }
}

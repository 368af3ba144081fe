package io.k8j.cli;

import io.fabric8.kubernetes.client.Config;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** The validity of a node's client certificate, and when to renew it: past 80% of its life. */
record NodeCertificate(Instant notBefore, Instant notAfter) {
    static NodeCertificate of(Config kubeconfig) {
        if (kubeconfig.getClientCertData() == null) {
            throw new StartupFailure("the node's kubeconfig holds no client certificate; delete it to join again");
        }
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(kubeconfig.getClientCertData())));
            return new NodeCertificate(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
        } catch (CertificateException | IllegalArgumentException e) {
            throw new StartupFailure("the node's kubeconfig holds no readable client certificate; delete it to join again");
        }
    }

    boolean expired(Instant now) {
        return !now.isBefore(notAfter);
    }

    boolean renewalDue(Instant now) {
        Duration life = Duration.between(notBefore, notAfter);
        return !now.isBefore(notBefore.plus(life.multipliedBy(4).dividedBy(5)));
    }
}

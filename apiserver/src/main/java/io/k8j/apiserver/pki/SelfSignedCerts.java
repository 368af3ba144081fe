package io.k8j.apiserver.pki;

import org.bouncycastle.asn1.x509.KeyPurposeId;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A serving certificate for a kubelet given none, made as the kubelet makes its own (client-go's
 * GenerateSelfSignedCertKey): a throwaway CA named HOST-ca@SECONDS signs a leaf HOST@SECONDS for the
 * given names; the certificate PEM is the leaf followed by that CA. Only clients that trust it, or do not
 * check, accept it.
 */
public final class SelfSignedCerts {
    private SelfSignedCerts() {
    }

    public static IssuedCert serving(String host, List<String> names, Duration validity) {
        Clock clock = Clock.systemUTC();
        long now = clock.instant().getEpochSecond();
        CertificateAuthority ca = CertificateAuthority.create(host + "-ca@" + now, validity, clock);
        IssuedCert leaf = ca.issue(CertificateAuthority.name(host + "@" + now, List.of()), validity,
                KeyPurposeId.id_kp_serverAuth, SubjectAltNames.of(names));
        return new IssuedCert(leaf.certPem() + Pem.encode(ca.certificate()), leaf.keyPem());
    }
}

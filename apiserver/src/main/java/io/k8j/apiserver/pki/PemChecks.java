package io.k8j.apiserver.pki;

import java.io.UncheckedIOException;

/** Checks PEM given on a command line before a server tries it, so that a bad file is named, not a TLS trace. */
public final class PemChecks {
    private PemChecks() {
    }

    public static boolean isCertificate(String pem) {
        try {
            Pem.certificate(pem);
            return true;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return false;
        }
    }

    public static boolean isPrivateKey(String pem) {
        try {
            Pem.privateKey(pem);
            return true;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return false;
        }
    }

    /** True when {@code keyPem} is the key of the first certificate in {@code certPem}; both must parse. */
    public static boolean keyMatches(String certPem, String keyPem) {
        return CertificateAuthority.keyMatches(Pem.certificate(certPem), Pem.privateKey(keyPem));
    }
}

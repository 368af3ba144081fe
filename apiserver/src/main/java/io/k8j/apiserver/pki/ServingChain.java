package io.k8j.apiserver.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The certificates the API server presents: its serving certificate followed by the CA that signed it, so that a
 * joining node, which has only a hash of the CA (see {@link CaHash}), can find the CA in the handshake and check
 * it before it sends its token. A CA that did not sign the serving certificate is left out.
 */
public final class ServingChain {
    private ServingChain() {
    }

    public static String of(Path servingCert, Path ca) {
        try {
            String leafPem = Files.readString(servingCert);
            String caPem = Files.readString(ca);
            if (leafPem.contains(caPem.trim())) {
                return leafPem;
            }
            boolean signed = CertificateAuthority.verifies(Pem.certificate(caPem), Pem.certificate(leafPem));
            return signed ? leafPem.stripTrailing() + "\n" + caPem : leafPem;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + servingCert + " or " + ca, e);
        }
    }
}

package io.k8j.apiserver.pki;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash by which a joining node recognises the cluster CA before trusting the server: lowercase hex SHA-256
 * of the CA's PEM, as k3s's {@code K10<hash>::} token prefix. A certificate is hashed in the PEM form k8j writes
 * ca.crt in, so the hash of the file and of the certificate the server presents agree.
 */
public final class CaHash {
    private CaHash() {
    }

    public static String of(String caPem) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(caPem.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks SHA-256", e);
        }
    }

    public static String of(X509Certificate ca) {
        return of(Pem.encode(ca));
    }

    /**
     * The PEM of the certificate in a server's {@code chain} whose hash is {@code hash} and that signed the server's
     * own certificate (the chain's first), or null when there is none: then the server is not the cluster's.
     */
    public static String findCa(List<X509Certificate> chain, String hash) {
        if (chain.isEmpty()) {
            return null;
        }
        for (X509Certificate cert : chain) {
            String pem = Pem.encode(cert);
            if (MessageDigest.isEqual(of(pem).getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII))
                    && CertificateAuthority.verifies(cert, chain.getFirst())) {
                return pem;
            }
        }
        return null;
    }
}

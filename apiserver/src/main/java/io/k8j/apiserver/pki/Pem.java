package io.k8j.apiserver.pki;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;

/**
 * PEM encoding of certificates and PKCS#8 private keys. PKCS#8 ("PRIVATE KEY") rather than the
 * OpenSSL "EC PRIVATE KEY" form because Vert.x's PemKeyCertOptions and Go's tls package read it.
 */
final class Pem {
    private Pem() {
    }

    static String encode(X509Certificate cert) {
        return write(cert);
    }

    static String encode(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null).generate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A "PUBLIC KEY" (SubjectPublicKeyInfo) block. */
    static String encode(PublicKey key) {
        return write(key);
    }

    static PublicKey publicKey(String pem) {
        try {
            return new JcaPEMKeyConverter().getPublicKey(read(pem, SubjectPublicKeyInfo.class));
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid public key", e);
        }
    }

    static X509Certificate certificate(String pem) {
        try {
            return new JcaX509CertificateConverter().getCertificate(read(pem, X509CertificateHolder.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("invalid certificate", e);
        }
    }

    /** Reads a PKCS#8 ("PRIVATE KEY") or OpenSSL traditional ("EC PRIVATE KEY") key. */
    static PrivateKey privateKey(String pem) {
        try {
            Object parsed = read(pem, Object.class);
            PrivateKeyInfo info = parsed instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo()
                    : parsed instanceof PrivateKeyInfo pki ? pki : null;
            if (info == null) {
                throw new IllegalArgumentException("expected a PEM private key, found " + parsed.getClass().getSimpleName());
            }
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid private key", e);
        }
    }

    /**
     * The OpenSSL traditional form ("EC PRIVATE KEY" for EC keys), which every kubeconfig reader takes:
     * fabric8's reads EC keys only in this form.
     */
    static String encodeTraditional(PrivateKey key) {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        if (!info.getPrivateKeyAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return write(key);
        }
        try {
            // PKCS#8 keeps the curve in the algorithm identifier; SEC1 must carry it itself.
            ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
            int bits = ((java.security.interfaces.ECPrivateKey) key).getParams().getOrder().bitLength();
            ECPrivateKey sec1 = new ECPrivateKey(bits, inner.getKey(), inner.getPublicKey(),
                    info.getPrivateKeyAlgorithm().getParameters());
            return write(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static <T> T read(String pem, Class<T> type) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (!type.isInstance(object)) {
                throw new IllegalArgumentException("expected a PEM " + type.getSimpleName() + ", found "
                        + (object == null ? "nothing" : object.getClass().getSimpleName()));
            }
            return type.cast(object);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable PEM", e);
        }
    }
}

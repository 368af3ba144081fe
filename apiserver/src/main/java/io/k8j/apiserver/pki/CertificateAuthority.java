package io.k8j.apiserver.pki;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** An EC P-256 certificate authority: creates itself and signs every leaf through {@link #sign}. */
final class CertificateAuthority {
    private static final String SIGNATURE = "SHA256withECDSA";
    /** Backdating tolerates nodes whose clocks run a little behind the server's. */
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate cert;
    private final KeyPair keys;
    private final Clock clock;

    CertificateAuthority(X509Certificate cert, PrivateKey key, Clock clock) {
        if (!keyMatches(cert, key)) {
            // Never silently replace a CA: every kubeconfig and node trusting it would break.
            throw new IllegalStateException("CA key does not match CA certificate " + cert.getSubjectX500Principal());
        }
        this.cert = cert;
        this.keys = new KeyPair(cert.getPublicKey(), key);
        this.clock = clock;
    }

    static CertificateAuthority create(String commonName, Duration validity, Clock clock) {
        KeyPair keys = newKeyPair();
        X500Name name = name(commonName, List.of());
        X509Certificate cert = sign(name, keys, name, keys.getPublic(), clock.instant(), validity,
                List.of(extension(Extension.basicConstraints, true, new BasicConstraints(true)),
                        extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))));
        return new CertificateAuthority(cert, keys.getPrivate(), clock);
    }

    X509Certificate certificate() {
        return cert;
    }

    PrivateKey privateKey() {
        return keys.getPrivate();
    }

    /** Issues a leaf for one purpose (serverAuth or clientAuth); {@code sans} may be null. */
    IssuedCert issue(X500Name subject, Duration validity, KeyPurposeId purpose, GeneralNames sans) {
        KeyPair leaf = newKeyPair();
        List<Extension> extensions = new ArrayList<>(List.of(
                extension(Extension.basicConstraints, true, new BasicConstraints(false)),
                extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature)),
                extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))));
        if (sans != null) {
            extensions.add(extension(Extension.subjectAlternativeName, false, sans));
        }
        X500Name issuer = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        X509Certificate signed = sign(issuer, keys, subject, leaf.getPublic(), clock.instant(), validity, extensions);
        return new IssuedCert(Pem.encode(signed), Pem.encode(leaf.getPrivate()));
    }

    /** True when this CA's key signed {@code leaf}; false after the CA was replaced. */
    boolean signed(X509Certificate leaf) {
        return verifies(cert, leaf);
    }

    /** True when {@code ca}'s key signed {@code leaf}. */
    static boolean verifies(X509Certificate ca, X509Certificate leaf) {
        try {
            leaf.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Kubernetes reads the CN as the user name and each O as a group. */
    static X500Name name(String commonName, List<String> organizations) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        organizations.forEach(org -> builder.addRDN(BCStyle.O, org));
        return builder.addRDN(BCStyle.CN, commonName).build();
    }

    /**
     * Proves the pair belongs together by a sign/verify round trip: catches a key and certificate
     * from different issues (a crash between writing the two files, or one file replaced by hand).
     */
    static boolean keyMatches(X509Certificate cert, PrivateKey key) {
        try {
            byte[] probe = cert.getEncoded();
            Signature signer = Signature.getInstance(SIGNATURE);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            signer.initVerify(cert.getPublicKey());
            signer.update(probe);
            return signer.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static X509Certificate sign(X500Name issuer, KeyPair issuerKeys, X500Name subject, PublicKey subjectKey,
                                        Instant now, Duration validity, List<Extension> extensions) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM),
                    Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(validity)), subject, subjectKey)
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            for (Extension extension : extensions) {
                builder.addExtension(extension);
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(SIGNATURE).build(issuerKeys.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot sign certificate for " + subject, e);
        }
    }

    private static Extension extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            return Extension.create(oid, critical, value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode extension " + oid, e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks EC P-256", e);
        }
    }
}

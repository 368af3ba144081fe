package io.k8j.controllers.csrsigning;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Signs certificate requests with the cluster CA (kube-controller-manager's --cluster-signing-cert-file and
 * --cluster-signing-key-file): the request's subject, key and names, the usages the CSR asks for, backdated five
 * minutes as kube does (a tenth of their life at most, so that nodes renewing at 70-90% of a short life do not renew
 * at once) and never outliving the CA.
 */
public final class CertificateSigner {
    private static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate ca;
    private final PrivateKey key;

    private CertificateSigner(X509Certificate ca, PrivateKey key) {
        this.ca = ca;
        this.key = key;
    }

    /** Throws IllegalArgumentException when the PEM texts are not a certificate and a private key. */
    public static CertificateSigner of(String caCertPem, String caKeyPem) {
        try (PEMParser certs = new PEMParser(new StringReader(caCertPem));
             PEMParser keys = new PEMParser(new StringReader(caKeyPem))) {
            if (!(certs.readObject() instanceof X509CertificateHolder holder)) {
                throw new IllegalArgumentException("the cluster signing certificate is not a PEM certificate");
            }
            Object parsed = keys.readObject();
            PrivateKeyInfo info = parsed instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo()
                    : parsed instanceof PrivateKeyInfo plain ? plain : null;
            if (info == null) {
                throw new IllegalArgumentException("the cluster signing key is not a PEM private key");
            }
            return new CertificateSigner(new JcaX509CertificateConverter().getCertificate(holder),
                    new JcaPEMKeyConverter().getPrivateKey(info));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the cluster signing certificate or key: " + e.getMessage(), e);
        }
    }

    /** The certificate for {@code request}, PEM, valid from now for {@code validity} at most. */
    public String sign(ParsedRequest request, List<String> usages, Duration validity, Instant now) {
        Instant notAfter = now.plus(validity);
        if (notAfter.isAfter(ca.getNotAfter().toInstant())) {
            notAfter = ca.getNotAfter().toInstant();
        }
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), new BigInteger(127, RANDOM),
                    Date.from(now.minus(backdate(validity))), Date.from(notAfter), request.subject(), request.publicKey())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
            int keyUsage = keyUsage(usages);
            if (keyUsage != 0) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            List<KeyPurposeId> purposes = purposes(usages);
            if (!purposes.isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
            }
            if (request.sans() != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, request.sans());
            }
            String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(key)));
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(cert);
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot sign certificate for " + request.subject(), e);
        }
    }

    private static Duration backdate(Duration validity) {
        Duration tenth = validity.dividedBy(10);
        return tenth.compareTo(BACKDATE) < 0 ? tenth : BACKDATE;
    }

    private static int keyUsage(List<String> usages) {
        int bits = 0;
        for (String usage : usages) {
            bits |= switch (usage) {
                case "digital signature" -> KeyUsage.digitalSignature;
                case "key encipherment" -> KeyUsage.keyEncipherment;
                case "content commitment" -> KeyUsage.nonRepudiation;
                case "data encipherment" -> KeyUsage.dataEncipherment;
                case "key agreement" -> KeyUsage.keyAgreement;
                default -> 0;
            };
        }
        return bits;
    }

    private static List<KeyPurposeId> purposes(List<String> usages) {
        List<KeyPurposeId> purposes = new ArrayList<>();
        for (String usage : usages) {
            switch (usage) {
                case "client auth" -> purposes.add(KeyPurposeId.id_kp_clientAuth);
                case "server auth" -> purposes.add(KeyPurposeId.id_kp_serverAuth);
                default -> {
                }
            }
        }
        return purposes;
    }
}

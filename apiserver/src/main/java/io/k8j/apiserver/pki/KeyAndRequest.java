package io.k8j.apiserver.pki;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;

/**
 * A new EC P-256 key and a PKCS#10 request for it, as a node makes to get its client certificate through the
 * CertificateSigningRequest API; the key never leaves the node.
 *
 * @param keyPem     the private key, SEC1 ("EC PRIVATE KEY"), the form every kubeconfig reader accepts
 * @param requestPem the CERTIFICATE REQUEST
 */
public record KeyAndRequest(String keyPem, String requestPem) {

    /** The request's subject: CN becomes the user name, each organization a group. */
    public static KeyAndRequest generate(String commonName, List<String> organizations) {
        return generate(commonName, organizations, List.of());
    }

    /** As {@link #generate(String, List)}, asking also for subject alternative names (IP literals or DNS names). */
    public static KeyAndRequest generate(String commonName, List<String> organizations, List<String> names) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            var builder = new JcaPKCS10CertificationRequestBuilder(CertificateAuthority.name(commonName, organizations),
                    keys.getPublic());
            if (!names.isEmpty()) {
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false, SubjectAltNames.of(names));
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            var request = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            StringWriter out = new StringWriter();
            try (var writer = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(out)) {
                writer.writeObject(request);
            }
            return new KeyAndRequest(Pem.encodeTraditional(keys.getPrivate()), out.toString());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a certificate request", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "KeyAndRequest[...]"; // keeps the key out of logs
    }
}

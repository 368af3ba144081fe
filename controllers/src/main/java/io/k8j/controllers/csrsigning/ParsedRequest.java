package io.k8j.controllers.csrsigning;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A CSR's PKCS#10 request (spec.request, base64 of the PEM as the API carries it), reduced to what the approver
 * and the signer look at: subject, requested subject alternative names and the public key.
 *
 * @param sans the requested subject alternative names, null when none are requested
 */
public record ParsedRequest(X500Name subject, GeneralNames sans, PublicKey publicKey) {

    /** Throws IllegalArgumentException when {@code base64Pem} holds no PEM CERTIFICATE REQUEST. */
    public static ParsedRequest parse(String base64Pem) {
        String pem = new String(Base64.getDecoder().decode(base64Pem), StandardCharsets.US_ASCII);
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            if (!(parser.readObject() instanceof PKCS10CertificationRequest request)) {
                throw new IllegalArgumentException("PEM block type must be CERTIFICATE REQUEST");
            }
            return new ParsedRequest(request.getSubject(), sans(request),
                    new JcaPKCS10CertificationRequest(request).getPublicKey());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("unparsable certificate request: " + e.getMessage(), e);
        }
    }

    private static GeneralNames sans(PKCS10CertificationRequest request) {
        for (var attribute : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            Extensions extensions = Extensions.getInstance(attribute.getAttrValues().getObjectAt(0));
            GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
            if (names != null) {
                return names;
            }
        }
        return null;
    }

    public String commonName() {
        List<String> names = values(BCStyle.CN);
        return names.isEmpty() ? "" : names.getFirst();
    }

    public List<String> organizations() {
        return values(BCStyle.O);
    }

    private List<String> values(ASN1ObjectIdentifier type) {
        List<String> values = new ArrayList<>();
        for (RDN rdn : subject.getRDNs(type)) {
            values.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
        }
        return values;
    }
}

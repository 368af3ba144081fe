package io.k8j.apiserver.pki;

import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/** PKCS#10 certificate requests in PEM, checked as kube's ParseCSR does: one CERTIFICATE REQUEST block, self-signed. */
public final class CertificateRequests {
    private CertificateRequests() {
    }

    /** Why {@code pem} is no usable request, in kube's words where it has them; null when it is one. */
    public static String problem(byte[] pem) {
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            return "PEM block type must be CERTIFICATE REQUEST";
        }
        if (!(parsed instanceof PKCS10CertificationRequest request)) {
            return "PEM block type must be CERTIFICATE REQUEST";
        }
        try {
            JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(request);
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(jca.getPublicKey()))) {
                return "x509: ECDSA verification failure";
            }
        } catch (GeneralSecurityException | OperatorCreationException | PKCSException | RuntimeException e) {
            return "x509: " + e.getMessage();
        }
        return null;
    }
}

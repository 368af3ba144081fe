package io.k8j.controllers.csrsigning;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateSignerTest {
    @Test
    void signsTheRequestsSubjectAndKeyForTheAskedUsagesWithinTheCasLife() throws Exception {
        String[] ca = TestPki.ca(Duration.ofDays(30));
        CertificateSigner signer = CertificateSigner.of(ca[0], ca[1]);
        ParsedRequest request = ParsedRequest.parse(TestPki.request("O=system:nodes,CN=system:node:a"));
        Instant now = Instant.now();

        X509Certificate cert = x509(signer.sign(request, List.of("digital signature", "client auth"),
                Duration.ofHours(1), now));
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=system:node:a,O=system:nodes");
        assertThat(cert.getPublicKey()).isEqualTo(request.publicKey());
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(cert.getKeyUsage()[0]).isTrue();
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getNotAfter().toInstant()).isBetween(now.plusSeconds(3599), now.plusSeconds(3601));
        cert.verify(x509(ca[0]).getPublicKey());

        X509Certificate capped = x509(signer.sign(request, List.of("client auth"), Duration.ofDays(365), now));
        assertThat(capped.getNotAfter()).isEqualTo(x509(ca[0]).getNotAfter());
    }

    @Test
    void servingCertificatesKeepTheRequestedNames() throws Exception {
        String[] ca = TestPki.ca(Duration.ofDays(30));
        ParsedRequest request = ParsedRequest.parse(TestPki.request("O=system:nodes,CN=system:node:a", "node-a"));
        X509Certificate cert = x509(CertificateSigner.of(ca[0], ca[1]).sign(request, List.of("server auth"),
                Duration.ofDays(1), Instant.now()));
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(2, "node-a"));
    }

    @Test
    void durationsAreAtLeastTenMinutesAndAtMostTheSigningDuration() {
        Duration year = Duration.ofDays(365);
        assertThat(CsrSigningController.duration(null, year)).isEqualTo(year);
        assertThat(CsrSigningController.duration(60, year)).isEqualTo(Duration.ofMinutes(10));
        assertThat(CsrSigningController.duration(3600, year)).isEqualTo(Duration.ofHours(1));
        assertThat(CsrSigningController.duration(Integer.MAX_VALUE, year)).isEqualTo(year);
        assertThat(CsrSigningController.duration(600, Duration.ofSeconds(40))).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void shortLivedCertificatesAreBackdatedByATenthOfTheirLife() throws Exception {
        String[] ca = TestPki.ca(Duration.ofDays(30));
        ParsedRequest request = ParsedRequest.parse(TestPki.request("O=system:nodes,CN=system:node:a", "node-a"));
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        X509Certificate cert = x509(CertificateSigner.of(ca[0], ca[1]).sign(request, List.of("server auth"),
                Duration.ofSeconds(40), now));
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(now.minusSeconds(4));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(now.plusSeconds(40));
    }

    private static X509Certificate x509(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}

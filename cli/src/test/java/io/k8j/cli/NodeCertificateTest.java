package io.k8j.cli;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class NodeCertificateTest {
    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final NodeCertificate CERT = new NodeCertificate(ISSUED, ISSUED.plusSeconds(1000));

    @Test
    void renewalIsDueAfterFourFifthsOfTheLifeAndExpiryAtTheEnd() {
        assertThat(CERT.renewalDue(ISSUED.plusSeconds(799))).isFalse();
        assertThat(CERT.renewalDue(ISSUED.plusSeconds(800))).isTrue();
        assertThat(CERT.expired(ISSUED.plusSeconds(999))).isFalse();
        assertThat(CERT.expired(ISSUED.plusSeconds(1000))).isTrue();
    }
}

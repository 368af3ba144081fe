package io.k8j.cli;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

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

    @Test
    void aRunningNodeRenewsBetween70And90PercentOfTheLife() {
        RandomGenerator random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(CERT.rotationDeadline(random)).isBetween(ISSUED.plusSeconds(700), ISSUED.plusSeconds(900));
        }
        assertThat(CERT.rotationDeadline(new Fixed(0))).isEqualTo(ISSUED.plusSeconds(700));
    }

    private record Fixed(double value) implements RandomGenerator {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public double nextDouble() {
            return value;
        }
    }
}

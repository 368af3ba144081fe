package io.k8j.client;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectationsTest {
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");
    private final Expectations expectations = new Expectations(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void unknownKeysAreSatisfied() {
        assertThat(expectations.satisfied("ns/rs")).isTrue();
    }

    @Test
    void creationsMustAllBeObserved() {
        expectations.expect("ns/rs", 2, Set.of());
        expectations.creationObserved("ns/rs");
        assertThat(expectations.satisfied("ns/rs")).isFalse();
        expectations.creationObserved("ns/rs");
        assertThat(expectations.satisfied("ns/rs")).isTrue();
    }

    @Test
    void aDeletionSeenTwiceCountsOnce() {
        expectations.expect("ns/rs", 0, Set.of("ns/a", "ns/b"));
        expectations.deletionObserved("ns/rs", "ns/a");
        expectations.deletionObserved("ns/rs", "ns/a");
        assertThat(expectations.satisfied("ns/rs")).isFalse();
        expectations.deletionObserved("ns/rs", "ns/b");
        assertThat(expectations.satisfied("ns/rs")).isTrue();
    }

    @Test
    void expectationsExpireSoALostEventCannotWedgeTheController() {
        expectations.expect("ns/rs", 1, Set.of());
        now = now.plus(Expectations.TTL).plus(Duration.ofSeconds(1));
        assertThat(expectations.satisfied("ns/rs")).isTrue();
    }
}
